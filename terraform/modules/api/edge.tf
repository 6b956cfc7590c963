# The API's public door: CloudFront in front of the HTTP API, so AWS WAF (which cannot be attached to an
# HTTP API) limits requests per client address. Nothing is cached; every header but Host reaches API
# Gateway (Authorization included: with caching disabled, AllViewerExceptHostHeader forwards it).
# With origin_zone_id and origin_domain_name, CloudFront reaches the API at a custom API domain of its own
# (regional certificate, DNS-validated) and the default execute-api endpoint is disabled (main.tf): every
# request then passes AWS WAF. Without a hosted zone there is no name to give the API, so the execute-api
# URL stays the origin and stays reachable for whoever learns it. config.js names only this distribution.

locals {
  private_origin = var.origin_zone_id != null && var.origin_domain_name != null


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
    domain_name = local.private_origin ? aws_apigatewayv2_domain_name.origin[0].domain_name : trimprefix(aws_apigatewayv2_api.this.api_endpoint, "https://")

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

# --- The API's origin name, for CloudFront only -----------------------------------------------------

resource "aws_acm_certificate" "origin" {
  count = local.private_origin ? 1 : 0

  domain_name       = var.origin_domain_name
  validation_method = "DNS"

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "origin_validation" {
  for_each = local.private_origin ? {
    for option in aws_acm_certificate.origin[0].domain_validation_options : option.domain_name => {
      name   = option.resource_record_name
      type   = option.resource_record_type
      record = option.resource_record_value
    }
  } : {}

  zone_id         = var.origin_zone_id
  name            = each.value.name
  type            = each.value.type
  records         = [each.value.record]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "origin" {
  count = local.private_origin ? 1 : 0

  certificate_arn         = aws_acm_certificate.origin[0].arn
  validation_record_fqdns = [for record in aws_route53_record.origin_validation : record.fqdn]
}

resource "aws_apigatewayv2_domain_name" "origin" {
  count = local.private_origin ? 1 : 0

  domain_name = var.origin_domain_name

  domain_name_configuration {
    certificate_arn = aws_acm_certificate_validation.origin[0].certificate_arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }

  tags = var.tags
}

resource "aws_apigatewayv2_api_mapping" "origin" {
  count = local.private_origin ? 1 : 0

  api_id      = aws_apigatewayv2_api.this.id
  domain_name = aws_apigatewayv2_domain_name.origin[0].id
  stage       = aws_apigatewayv2_stage.default.id
}

resource "aws_route53_record" "origin" {
  count = local.private_origin ? 1 : 0

  zone_id = var.origin_zone_id
  name    = var.origin_domain_name
  type    = "A"

  alias {
    name                   = aws_apigatewayv2_domain_name.origin[0].domain_name_configuration[0].target_domain_name
    zone_id                = aws_apigatewayv2_domain_name.origin[0].domain_name_configuration[0].hosted_zone_id
    evaluate_target_health = false
  }
}
