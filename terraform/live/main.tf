# The whole Movie Ratings estate, one root for every environment. An environment is a variable file
# and a backend file: `terraform init -backend-config=dev.s3.tfbackend` then
# `terraform apply -var-file=dev.tfvars` (prod: prod.s3.tfbackend, prod.tfvars). See docs/deploy.md.

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "movie-ratings"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

# AWS WAF for CloudFront (the API's per-IP limit) is managed in us-east-1.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = {
      Project     = "movie-ratings"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  name        = "movie-ratings-${var.environment}"
  site_origin = "https://${var.domain_name}"
  tags        = { Component = "movie-ratings" }

  # The one folder of the artifact bucket the ops function may read catalog files from; the pipeline's
  # catalog step writes (or an operator puts) them there.
  catalog_prefix = "catalog/"
}

# --- Alerts ------------------------------------------------------------------------------------------

# CloudWatch cannot use the AWS-managed alias/aws/sns key; this key lets it (and only it) encrypt
# what it publishes to the topic.
data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "alerts_key" {
  statement {
    sid = "AccountAdministersTheKey"
    actions = [
      "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
      "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
      "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
    ]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  # Principals of this account whose IAM policy allows it (the monitoring instance's Alertmanager)
  # may encrypt for the topic, through SNS only.
  statement {
    sid       = "AccountPublishesThroughSns"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sns.${var.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_kms_key" "alerts" {
  description         = "${local.name} alerts topic (lets CloudWatch alarms publish)"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.alerts_key.json

  tags = local.tags
}

resource "aws_kms_alias" "alerts" {
  name          = "alias/${local.name}-alerts"
  target_key_id = aws_kms_key.alerts.key_id
}

resource "aws_sns_topic" "alerts" {
  name              = "${local.name}-alerts"
  kms_master_key_id = aws_kms_key.alerts.arn

  tags = local.tags
}

resource "aws_sns_topic_subscription" "alerts_email" {
  count = var.alert_email == null ? 0 : 1

  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = var.alert_email
}

# --- Network -----------------------------------------------------------------------------------------

module "network" {
  source = "../modules/network"

  name                     = local.name
  cidr_block               = var.vpc_cidr_block
  availability_zones       = slice(data.aws_availability_zones.available.names, 0, var.availability_zone_count)
  single_nat_gateway       = var.single_nat_gateway
  flow_logs_retention_days = var.log_retention_days
  tags                     = local.tags
}

# --- Database ----------------------------------------------------------------------------------------

module "database" {
  source = "../modules/database"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.private_subnet_ids
  instance_class           = var.db_instance_class
  allocated_storage_gb     = var.db_allocated_storage_gb
  max_allocated_storage_gb = var.db_max_allocated_storage_gb
  multi_az                 = var.db_multi_az
  backup_retention_days    = var.db_backup_retention_days
  deletion_protection      = var.db_deletion_protection
  skip_final_snapshot      = var.db_skip_final_snapshot
  create_analyst_tunnel    = var.analyst_tunnel
  log_retention_days       = var.log_retention_days
  tags                     = local.tags
}

# --- Events: bus -> rule -> queue -> projector ----------------------------------------------------------

module "events" {
  source = "../modules/events"

  name                            = local.name
  projector_function_arn          = module.functions.projector_alias_arn
  user_pool_id                    = module.api.user_pool_id
  user_pool_arn                   = module.api.user_pool_arn
  projector_timeout_seconds       = var.projector_timeout_seconds
  batch_size                      = var.projector_batch_size
  maximum_batching_window_seconds = var.projector_batching_window_seconds
  maximum_concurrency             = var.projector_maximum_concurrency
  alarm_actions                   = [aws_sns_topic.alerts.arn]
  tags                            = local.tags
}

# --- Functions ---------------------------------------------------------------------------------------

module "functions" {
  source = "../modules/functions"

  name                             = local.name
  artifact_bucket                  = var.artifact_bucket
  artifact_keys                    = var.artifact_keys
  vpc_id                           = module.network.vpc_id
  subnet_ids                       = module.network.private_subnet_ids
  endpoint_security_group_id       = module.network.endpoint_security_group_id
  s3_prefix_list_id                = module.network.s3_prefix_list_id
  catalog_prefix                   = local.catalog_prefix
  database_proxy_security_group_id = module.database.proxy_security_group_id
  datasource_url                   = module.database.jdbc_url
  database_secret_arns             = module.database.role_secret_arns
  event_bus_name                   = module.events.bus_name
  event_bus_arn                    = module.events.bus_arn
  projection_queue_arn             = module.events.queue_arn
  projection_queue_url             = module.events.queue_url
  projection_dlq_arn               = module.events.dlq_arn
  projection_dlq_url               = module.events.dlq_url
  weighted_rating_min_votes        = var.weighted_rating_min_votes
  memory_size_mb                   = var.function_memory_size_mb
  projector_timeout_seconds        = var.projector_timeout_seconds
  deployment_config_name           = var.lambda_deployment_config_name
  extra_rollback_alarm_names       = { projector = [module.events.dlq_alarm_name] }
  log_retention_days               = var.log_retention_days
  alarm_actions                    = [aws_sns_topic.alerts.arn]
  tags                             = local.tags
}

# --- API: HTTP API + Cognito JWT authorizer -------------------------------------------------------------

module "api" {
  source = "../modules/api"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  name        = local.name
  site_origin = local.site_origin
  command_function = {
    function_name = module.functions.function_names["command"]
    alias_name    = module.functions.alias_name
    invoke_arn    = module.functions.alias_invoke_arns["command"]
  }
  query_function = {
    function_name = module.functions.function_names["query"]
    alias_name    = module.functions.alias_name
    invoke_arn    = module.functions.alias_invoke_arns["query"]
  }
  extra_cors_origins            = var.extra_cors_origins
  throttling_rate_limit         = var.api_throttling_rate_limit
  throttling_burst_limit        = var.api_throttling_burst_limit
  cognito_domain_prefix         = var.cognito_domain_prefix
  user_pool_deletion_protection = var.user_pool_deletion_protection
  log_retention_days            = var.log_retention_days
  tags                          = local.tags

  # with a hosted zone, CloudFront reaches the API by a name of its own and execute-api is switched off
  origin_zone_id     = var.route53_zone_id
  origin_domain_name = var.route53_zone_id == null ? null : "api-origin.${var.domain_name}"
}

# --- Site: ALB + Auto Scaling group of nginx instances ----------------------------------------------------

module "frontend" {
  source = "../modules/frontend"

  name                            = local.name
  vpc_id                          = module.network.vpc_id
  public_subnet_ids               = module.network.public_subnet_ids
  instance_subnet_ids             = module.network.private_subnet_ids
  certificate_arn                 = var.route53_zone_id != null ? module.dns[0].certificate_arn : var.certificate_arn
  instance_type                   = var.web_instance_type
  min_size                        = var.web_min_size
  max_size                        = var.web_max_size
  desired_capacity                = var.web_desired_capacity
  api_base_url                    = module.api.public_base_url
  codedeploy_revision_bucket_arns = [module.cicd.pipeline_artifact_bucket_arn]
  enable_deletion_protection      = var.alb_deletion_protection
  alarm_actions                   = [aws_sns_topic.alerts.arn]
  tags                            = local.tags
  auth = {
    issuer             = module.api.issuer_url
    client_id          = module.api.user_pool_client_id
    hosted_ui_base_url = module.api.hosted_ui_base_url
  }
}

# --- DNS (optional): certificate + alias record in Route53 ------------------------------------------------

module "dns" {
  source = "../modules/dns"
  count  = var.route53_zone_id == null ? 0 : 1

  zone_id      = var.route53_zone_id
  domain_name  = var.domain_name
  alb_dns_name = module.frontend.alb_dns_name
  alb_zone_id  = module.frontend.alb_zone_id
  tags         = local.tags
}

# --- CI/CD: CodePipeline -> CodeBuild (build, migrate, deploy functions, catalog) -> CodeDeploy (site) -------

module "cicd" {
  source = "../modules/cicd"

  name                             = local.name
  repository_id                    = var.repository_id
  branch                           = var.branch
  connection_arn                   = var.connection_arn
  artifact_bucket                  = var.artifact_bucket
  vpc_id                           = module.network.vpc_id
  private_subnet_ids               = module.network.private_subnet_ids
  database_proxy_security_group_id = module.database.proxy_security_group_id
  datasource_url                   = module.database.jdbc_url
  database_secret_arn              = module.database.master_secret_arn
  database_role_secret_arns        = module.database.role_secret_arns
  lambda_codedeploy_app_name       = module.functions.codedeploy_app_name
  frontend_codedeploy_app_name     = module.frontend.codedeploy_app_name
  frontend_deployment_group_name   = module.frontend.deployment_group_name
  run_localstack_tests             = var.run_localstack_tests
  require_manual_approval          = var.require_manual_approval
  log_retention_days               = var.log_retention_days
  tags                             = local.tags
  catalog_prefix                   = local.catalog_prefix
  catalog_source                   = var.catalog_source
  catalog_import = {
    function_name = module.functions.function_names["ops"]
    alias_name    = module.functions.alias_name
    alias_arn     = module.functions.alias_arns["ops"]
  }
  lambda_deployments = {
    for key, function_name in module.functions.function_names : key => {
      function_name         = function_name
      function_arn          = module.functions.function_arns[key]
      artifact              = module.functions.artifacts[key]
      deployment_group_name = module.functions.deployment_group_names[key]
    }
  }
}

# --- Observability: CloudWatch alarms + the Prometheus/Grafana instance ------------------------------------

module "observability" {
  source = "../modules/observability"

  name                       = local.name
  vpc_id                     = module.network.vpc_id
  private_subnet_ids         = module.network.private_subnet_ids
  site_url                   = "${local.site_origin}/"
  function_names             = module.functions.function_names
  api_id                     = module.api.api_id
  projection_queue_name      = module.events.queue_name
  projection_dlq_name        = module.events.dlq_name
  db_instance_identifier     = module.database.instance_identifier
  alb_arn_suffix             = module.frontend.alb_arn_suffix
  web_autoscaling_group_name = module.frontend.autoscaling_group_name
  web_security_group_id      = module.frontend.instance_security_group_id
  db_proxy_name              = module.database.proxy_name
  alerts_topic_arn           = aws_sns_topic.alerts.arn
  alerts_kms_key_arn         = aws_kms_key.alerts.arn
  alarm_actions              = [aws_sns_topic.alerts.arn]
  tags                       = local.tags
}
