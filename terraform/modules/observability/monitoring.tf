# The monitoring instance: Prometheus + Alertmanager + Grafana + YACE + blackbox exporter on one small
# Debian instance in a private subnet, provisioned from observability/ (the same Prometheus rules and
# Grafana dashboards as on a laptop) through S3. No inbound rule: operators who may start a Session
# Manager session on it forward Grafana's port (docs/deploy.md, "Monitoring").

data "aws_region" "current" {}

locals {
  observability_dir = "${path.module}/../../../observability"
  # What the instance pulls: the AWS Prometheus config, its rules, the dashboards and their provisioning.
  observability_files = setunion(
    ["prometheus/prometheus-aws.yml"],
    fileset(local.observability_dir, "prometheus/rules/*.yml"),
    fileset(local.observability_dir, "grafana/dashboards/*.json"),
    fileset(local.observability_dir, "grafana/provisioning/**/*.yml"),
  )
  # The functions' own metrics (embedded metric format) the exporter reads back from CloudWatch.
  custom_metrics = [
    "movie_ratings_projection_lag_seconds", "movie_ratings_outbox_unpublished_events",
    "movie_ratings_outbox_oldest_unpublished_age_seconds", "movie_ratings_errors_total",
    "movie_ratings_db_query_seconds", "movie_ratings_projector_failures_total", "movie_ratings_dlq_messages",
  ]
  generated = {
    "generated/yace.yml" = templatefile("${path.module}/templates/yace.yml.tftpl", {
      region                 = data.aws_region.current.region
      custom_metrics         = local.custom_metrics
      function_names         = var.function_names
      queue_names            = [var.projection_queue_name, var.projection_dlq_name]
      api_id                 = var.api_id
      db_instance_identifier = var.db_instance_identifier
      db_proxy_name          = var.db_proxy_name
      alb_arn_suffix         = var.alb_arn_suffix
    })
    "generated/alertmanager.yml" = templatefile("${path.module}/templates/alertmanager.yml.tftpl", {
      name      = var.name
      region    = data.aws_region.current.region
      topic_arn = var.alerts_topic_arn
    })
  }
}

# --- Configuration bucket --------------------------------------------------------------------------

resource "aws_s3_bucket" "config" {
  bucket_prefix = "${var.name}-monitoring-"
  force_destroy = true

  tags = var.tags
}

resource "aws_s3_bucket_public_access_block" "config" {
  bucket = aws_s3_bucket.config.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "config" {
  bucket = aws_s3_bucket.config.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_object" "observability" {
  for_each = local.observability_files

  bucket = aws_s3_bucket.config.id
  key    = "observability/${each.value}"
  source = "${local.observability_dir}/${each.value}"
  etag   = filemd5("${local.observability_dir}/${each.value}")
}

resource "aws_s3_object" "generated" {
  for_each = local.generated

  bucket  = aws_s3_bucket.config.id
  key     = each.key
  content = each.value
}

# --- Grafana's admin password ----------------------------------------------------------------------

resource "aws_secretsmanager_secret" "grafana_admin" {
  name_prefix             = "${var.name}/grafana-admin-"
  description             = "Grafana admin of ${var.name} (username admin)"
  recovery_window_in_days = 7

  tags = var.tags
}

data "aws_secretsmanager_random_password" "grafana_admin" {
  password_length     = 32
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret_version" "grafana_admin" {
  secret_id     = aws_secretsmanager_secret.grafana_admin.id
  secret_string = jsonencode({ username = "admin", password = data.aws_secretsmanager_random_password.grafana_admin.random_password })

  lifecycle {
    ignore_changes = [secret_string]
  }
}

# --- Network: no inbound rule at all ---------------------------------------------------------------

resource "aws_security_group" "monitoring" {
  name        = "${var.name}-monitoring"
  description = "Monitoring instance: no inbound rules; HTTPS out (AWS APIs, site probe), node exporters"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-monitoring" })
}

resource "aws_vpc_security_group_egress_rule" "monitoring_https" {
  security_group_id = aws_security_group.monitoring.id
  description       = "HTTPS: CloudWatch, S3, Secrets Manager, SNS, SSM, packages, the site probe"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "monitoring_http" {
  security_group_id = aws_security_group.monitoring.id
  description       = "HTTP: Debian package mirrors"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "monitoring_node_exporter" {
  security_group_id            = aws_security_group.monitoring.id
  description                  = "Node exporter on the web instances"
  ip_protocol                  = "tcp"
  from_port                    = 9100
  to_port                      = 9100
  referenced_security_group_id = var.web_security_group_id
}

resource "aws_vpc_security_group_ingress_rule" "web_node_exporter" {
  security_group_id            = var.web_security_group_id
  description                  = "Node exporter, scraped by the monitoring instance"
  ip_protocol                  = "tcp"
  from_port                    = 9100
  to_port                      = 9100
  referenced_security_group_id = aws_security_group.monitoring.id
}

# --- IAM ---------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  name               = "${var.name}-monitoring"
  assume_role_policy = data.aws_iam_policy_document.monitoring_assume.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "monitoring_ssm" {
  role       = aws_iam_role.monitoring.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

data "aws_iam_policy_document" "monitoring" {
  # CloudWatch reads and the Auto Scaling/EC2 lookups have no resource-level permissions.
  statement {
    sid = "ReadMetricsAndTargets"
    actions = [
      "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "cloudwatch:ListMetrics",
      "autoscaling:DescribeAutoScalingGroups", "ec2:DescribeInstances",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "ReadConfiguration"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.config.arn, "${aws_s3_bucket.config.arn}/*"]
  }

  statement {
    sid       = "ReadGrafanaAdminSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.grafana_admin.arn]
  }

  statement {
    sid       = "PublishAlerts"
    actions   = ["sns:Publish"]
    resources = [var.alerts_topic_arn]
  }

  statement {
    sid       = "EncryptAlerts"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = [var.alerts_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "monitoring" {
  name   = "monitoring"
  role   = aws_iam_role.monitoring.id
  policy = data.aws_iam_policy_document.monitoring.json
}

resource "aws_iam_instance_profile" "monitoring" {
  name = "${var.name}-monitoring"
  role = aws_iam_role.monitoring.name
}

# --- Instance ----------------------------------------------------------------------------------------

data "aws_ssm_parameter" "debian" {
  name = "/aws/service/debian/release/bookworm/latest/arm64"
}

resource "aws_instance" "monitoring" {
  ami                         = data.aws_ssm_parameter.debian.value
  instance_type               = var.monitoring_instance_type
  subnet_id                   = var.private_subnet_ids[0]
  vpc_security_group_ids      = [aws_security_group.monitoring.id]
  iam_instance_profile        = aws_iam_instance_profile.monitoring.name
  associate_public_ip_address = false

  user_data = templatefile("${path.module}/templates/monitoring-user-data.sh.tftpl", {
    name               = var.name
    region             = data.aws_region.current.region
    bucket             = aws_s3_bucket.config.bucket
    site_url           = var.site_url
    web_asg            = var.web_autoscaling_group_name
    grafana_secret_arn = aws_secretsmanager_secret.grafana_admin.arn
    yace_version       = var.yace_version
  })

  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }

  root_block_device {
    encrypted   = true
    volume_type = "gp3"
    volume_size = 20
  }

  tags = merge(var.tags, { Name = "${var.name}-monitoring" })

  lifecycle {
    ignore_changes = [ami]
  }

  depends_on = [aws_s3_object.observability, aws_s3_object.generated, aws_iam_role_policy.monitoring]
}
