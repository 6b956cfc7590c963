data "aws_region" "current" {}

data "aws_ssm_parameter" "ami" {
  name = var.ami_ssm_parameter
}

locals {
  site_root = "/usr/share/nginx/movie-ratings"

  # What the browser needs to know about this environment; served as /config.js by the deploy hooks.
  site_config = {
    apiBaseUrl = var.api_base_url
    auth = {
      issuer          = var.auth.issuer
      clientId        = var.auth.client_id
      hostedUiBaseUrl = var.auth.hosted_ui_base_url
    }
  }

  csp_connect_src = join(" ", ["'self'", var.api_base_url, var.auth.hosted_ui_base_url])
}

# --- Environment settings the deploy hooks read -------------------------------------------------------

resource "aws_ssm_parameter" "site_config" {
  name        = "/${var.name}/frontend/site-config"
  description = "JSON the CodeDeploy hooks publish as /config.js"
  type        = "String"
  value       = jsonencode(local.site_config)

  tags = var.tags
}

resource "aws_ssm_parameter" "csp_connect_src" {
  name        = "/${var.name}/frontend/csp-connect-src"
  description = "connect-src sources of the site's Content-Security-Policy"
  type        = "String"
  value       = local.csp_connect_src

  tags = var.tags
}

# --- Security groups -----------------------------------------------------------------------------------

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "Public HTTP/HTTPS to the load balancer"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-alb" })
}

resource "aws_vpc_security_group_ingress_rule" "alb_public" {
  for_each = {
    http-ipv4  = { port = 80, cidr_ipv4 = "0.0.0.0/0", cidr_ipv6 = null }
    https-ipv4 = { port = 443, cidr_ipv4 = "0.0.0.0/0", cidr_ipv6 = null }
    http-ipv6  = { port = 80, cidr_ipv4 = null, cidr_ipv6 = "::/0" }
    https-ipv6 = { port = 443, cidr_ipv4 = null, cidr_ipv6 = "::/0" }
  }

  security_group_id = aws_security_group.alb.id
  description       = "Public ${each.key}"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr_ipv4
  cidr_ipv6         = each.value.cidr_ipv6
}

resource "aws_vpc_security_group_egress_rule" "alb_to_instances" {
  security_group_id            = aws_security_group.alb.id
  description                  = "HTTP to the web instances"
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
  referenced_security_group_id = aws_security_group.instance.id
}

resource "aws_security_group" "instance" {
  name        = "${var.name}-web"
  description = "Web instances: HTTP from the load balancer only; no SSH (use SSM Session Manager)"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-web" })
}

resource "aws_vpc_security_group_ingress_rule" "instance_from_alb" {
  security_group_id            = aws_security_group.instance.id
  description                  = "HTTP from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = 80
  to_port                      = 80
  referenced_security_group_id = aws_security_group.alb.id
}

# Package repositories, SSM, CodeDeploy and S3 are all HTTPS.
resource "aws_vpc_security_group_egress_rule" "instance_https" {
  security_group_id = aws_security_group.instance.id
  description       = "HTTPS egress (dnf, SSM, CodeDeploy agent, S3) through the NAT"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

# --- Load balancer --------------------------------------------------------------------------------------

resource "aws_lb" "this" {
  name                       = substr(var.name, 0, 32)
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.public_subnet_ids
  security_groups            = [aws_security_group.alb.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = var.enable_deletion_protection

  dynamic "access_logs" {
    for_each = var.access_logs_bucket == null ? [] : [var.access_logs_bucket]

    content {
      bucket  = access_logs.value
      prefix  = var.name
      enabled = true
    }
  }

  tags = var.tags
}

resource "aws_lb_target_group" "web" {
  name                 = substr("${var.name}-web", 0, 32)
  port                 = 80
  protocol             = "HTTP"
  target_type          = "instance"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = var.health_check_path
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = var.tags
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }

  tags = var.tags
}

# --- Instances ------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "instance_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "instance" {
  name               = "${var.name}-web"
  assume_role_policy = data.aws_iam_policy_document.instance_assume.json

  tags = var.tags
}

# Session Manager instead of SSH.
resource "aws_iam_role_policy_attachment" "instance_ssm" {
  role       = aws_iam_role.instance.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

data "aws_iam_policy_document" "instance" {
  statement {
    sid     = "ReadDeploymentRevisions"
    actions = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = concat(
      [for arn in var.codedeploy_revision_bucket_arns : "${arn}/*"],
      ["arn:aws:s3:::aws-codedeploy-${data.aws_region.current.region}/*"],
    )
  }

  statement {
    sid       = "ReadSiteSettings"
    actions   = ["ssm:GetParameter", "ssm:GetParameters"]
    resources = [aws_ssm_parameter.site_config.arn, aws_ssm_parameter.csp_connect_src.arn]
  }
}

resource "aws_iam_role_policy" "instance" {
  name   = "deploy-site"
  role   = aws_iam_role.instance.id
  policy = data.aws_iam_policy_document.instance.json
}

resource "aws_iam_instance_profile" "instance" {
  name = "${var.name}-web"
  role = aws_iam_role.instance.name

  tags = var.tags
}

resource "aws_launch_template" "web" {
  name_prefix            = "${var.name}-web-"
  description            = "Amazon Linux 2023 + nginx + CodeDeploy agent"
  image_id               = data.aws_ssm_parameter.ami.insecure_value
  instance_type          = var.instance_type
  update_default_version = true
  vpc_security_group_ids = [aws_security_group.instance.id]

  iam_instance_profile {
    arn = aws_iam_instance_profile.instance.arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = 8
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }

  user_data = base64encode(templatefile("${path.module}/templates/user-data.sh.tftpl", {
    region                 = data.aws_region.current.region
    site_root              = local.site_root
    health_check_path      = var.health_check_path
    site_config_parameter  = aws_ssm_parameter.site_config.name
    csp_connect_parameter  = aws_ssm_parameter.csp_connect_src.name
    codedeploy_agent_links = "https://aws-codedeploy-${data.aws_region.current.region}.s3.${data.aws_region.current.region}.amazonaws.com/latest/install"
  }))

  tag_specifications {
    resource_type = "instance"
    tags          = merge(var.tags, { Name = "${var.name}-web" })
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge(var.tags, { Name = "${var.name}-web" })
  }

  tags = var.tags
}

resource "aws_autoscaling_group" "web" {
  name                      = "${var.name}-web"
  vpc_zone_identifier       = var.instance_subnet_ids
  min_size                  = var.min_size
  max_size                  = var.max_size
  desired_capacity          = var.desired_capacity
  target_group_arns         = [aws_lb_target_group.web.arn]
  health_check_type         = "ELB"
  health_check_grace_period = 300
  default_instance_warmup   = 120

  launch_template {
    id      = aws_launch_template.web.id
    version = aws_launch_template.web.latest_version
  }

  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage = 50
    }
  }

  dynamic "tag" {
    for_each = merge(var.tags, { Name = "${var.name}-web" })

    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }

  lifecycle {
    ignore_changes = [desired_capacity]
  }
}

resource "aws_autoscaling_policy" "cpu" {
  name                   = "${var.name}-web-cpu"
  autoscaling_group_name = aws_autoscaling_group.web.name
  policy_type            = "TargetTrackingScaling"

  target_tracking_configuration {
    target_value = 50

    predefined_metric_specification {
      predefined_metric_type = "ASGAverageCPUUtilization"
    }
  }
}

# --- Alarms ---------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "unhealthy_hosts" {
  alarm_name          = "${var.name}-web-unhealthy-hosts"
  alarm_description   = "A web instance fails the load balancer health check; rolls back a frontend deployment."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    LoadBalancer = aws_lb.this.arn_suffix
    TargetGroup  = aws_lb_target_group.web.arn_suffix
  }

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "target_5xx" {
  alarm_name          = "${var.name}-web-5xx"
  alarm_description   = "The web instances answer 5xx; rolls back a frontend deployment."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 5
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    LoadBalancer = aws_lb.this.arn_suffix
    TargetGroup  = aws_lb_target_group.web.arn_suffix
  }

  alarm_actions = var.alarm_actions

  tags = var.tags
}

# --- CodeDeploy: in-place deployments behind the load balancer --------------------------------------------

resource "aws_codedeploy_app" "this" {
  name             = "${var.name}-frontend"
  compute_platform = "Server"

  tags = var.tags
}

data "aws_iam_policy_document" "codedeploy_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codedeploy.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "codedeploy" {
  name               = "${var.name}-frontend-codedeploy"
  assume_role_policy = data.aws_iam_policy_document.codedeploy_assume.json

  tags = var.tags
}

# AWS's service role policy for EC2/ASG deployments (lifecycle hooks, target (de)registration).
resource "aws_iam_role_policy_attachment" "codedeploy" {
  role       = aws_iam_role.codedeploy.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSCodeDeployRole"
}

resource "aws_codedeploy_deployment_group" "this" {
  app_name               = aws_codedeploy_app.this.name
  deployment_group_name  = "${var.name}-frontend"
  service_role_arn       = aws_iam_role.codedeploy.arn
  deployment_config_name = var.deployment_config_name
  autoscaling_groups     = [aws_autoscaling_group.web.name]

  deployment_style {
    deployment_option = "WITH_TRAFFIC_CONTROL"
    deployment_type   = "IN_PLACE"
  }

  load_balancer_info {
    target_group_info {
      name = aws_lb_target_group.web.name
    }
  }

  auto_rollback_configuration {
    enabled = true
    events  = ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]
  }

  alarm_configuration {
    enabled = true
    alarms  = [aws_cloudwatch_metric_alarm.unhealthy_hosts.alarm_name, aws_cloudwatch_metric_alarm.target_5xx.alarm_name]
  }

  tags = var.tags
}

# --- AWS WAF on the load balancer: a per-IP rate limit ------------------------------------------------
# The site's one public door. (The API is an HTTP API, which AWS WAF cannot be attached to; it has
# per-route throttles on its stage and the per-user write quota, see docs/security.md.)
# rule_json, not rule blocks: the rules are WAF's own JSON, which the provider-schema check can read.

resource "aws_wafv2_web_acl" "site" {
  name        = "${var.name}-site"
  description = "Per-IP rate limit in front of the site"
  scope       = "REGIONAL"

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
        MetricName               = "${var.name}-per-ip-rate-limit"
      }
    },
  ])

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-site"
    sampled_requests_enabled   = true
  }

  tags = var.tags
}

resource "aws_wafv2_web_acl_association" "site" {
  resource_arn = aws_lb.this.arn
  web_acl_arn  = aws_wafv2_web_acl.site.arn
}
