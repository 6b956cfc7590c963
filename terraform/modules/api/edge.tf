# The API's public door: CloudFront in front of the HTTP API, so AWS WAF (which cannot be attached to an
# HTTP API) limits requests per client address. Nothing is cached; every header but Host reaches API
# Gateway (Authorization included: with caching disabled, AllViewerExceptHostHeader forwards it).
# The execute-api URL stays reachable for whoever learns it (disabling it needs a custom API domain);
# config.js names only this distribution.

locals {
  # AWS managed policies (the same IDs in every account)
  caching_disabled_policy_id       = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  all_viewer_except_host_header_id = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
  api_origin_id                    = "http-api"
}

resource "aws_wafv2_web_acl" "api" {
  provider = aws.us_east_1

  name        = "${var.name}-api"
  description = "Per-IP rate limit in front of the API"
  scope       = "CLOUDFRONT"

  default_action {
    allow {}
  }

  rule_json = jsonencode([
    {
      Name     = "per-ip-rate-limit"
      Priority = 1
      Action   = { Block = {} }
      Statement = {
        RateBasedStatement = {
          Limit               = var.waf_requests_per_ip_per_5_minutes
          AggregateKeyType    = "IP"
          EvaluationWindowSec = 300
        }
      }
      VisibilityConfig = {
        SampledRequestsEnabled   = true
        CloudWatchMetricsEnabled = true
        MetricName               = "${var.name}-api-per-ip-rate-limit"
      }
    },
  ])

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-api"
    sampled_requests_enabled   = true
  }

  tags = var.tags
}

resource "aws_cloudfront_distribution" "api" {
  enabled         = true
  comment         = "${var.name} API (AWS WAF per-IP limit, no caching)"
  is_ipv6_enabled = true
  price_class     = var.cloudfront_price_class
  web_acl_id      = aws_wafv2_web_acl.api.arn

  origin {
    origin_id   = local.api_origin_id
    domain_name = trimprefix(aws_apigatewayv2_api.this.api_endpoint, "https://")

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id         = local.api_origin_id
    viewer_protocol_policy   = "https-only"
    allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods           = ["GET", "HEAD"]
    cache_policy_id          = local.caching_disabled_policy_id
    origin_request_policy_id = local.all_viewer_except_host_header_id
    compress                 = true
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }

  tags = var.tags
}
