data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

locals {
  handler = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest"
  runtime = "java21"

  # One entry per function: the jar it runs, the Spring Cloud Function bean it calls, and its memory
  # when var.memory_size_mb names none. Each warm function uses 120-140 MB (RSS, docs/benchmarks.md
  # "Memory per function"); the API functions and the projector keep 1024 MB for the CPU share it
  # buys (Lambda's CPU grows with memory), the relay needs neither, and ops folds every stream in
  # memory (265 MB peak at MovieLens's 100k ratings; it grows with the number of rating streams).
  functions = {
    command = {
      artifact    = "command-api"
      definition  = "ratingCommands"
      description = "Rating commands: PUT/DELETE /api/movies/{id}/rating"
      timeout     = var.api_timeout_seconds
      reserved    = -1
      memory_mb   = 1024
    }
    relay = {
      artifact    = "command-api"
      definition  = "outboxRelay"
      description = "Outbox relay: republishes committed, unpublished events to EventBridge"
      timeout     = 60
      reserved    = var.relay_reserved_concurrency
      memory_mb   = 512
    }
    query = {
      artifact    = "query-api"
      definition  = "movieQueries"
      description = "Queries: GET /api/movies, /api/movies/{id}, its reviews, history and similar movies, /api/me/ratings"
      timeout     = var.api_timeout_seconds
      reserved    = -1
      memory_mb   = 1024
    }
    projector = {
      artifact    = "projection-worker"
      definition  = "projectRatingEvents"
      description = "Projector: applies rating events from SQS to the projection tables"
      timeout     = var.projector_timeout_seconds
      reserved    = var.projector_reserved_concurrency
      memory_mb   = 1024
    }
    ops = {
      artifact    = "ops-cli"
      definition  = "projectionOps"
      description = "Ops: rebuild and verify projections, status, park, retry and replay events, pause the projector"
      timeout     = 900
      reserved    = -1
      memory_mb   = 2048
    }
  }

  # What every function reads: its database (Spring Boot's datasource; the secret of its own role is added
  # per function below) and how the JVM and the logs run.
  common_environment = {
    SPRING_DATASOURCE_URL = var.datasource_url
    JAVA_TOOL_OPTIONS     = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    # one JSON object per log line (ECS) with the correlationId; metrics go out as EMF lines beside them
    LOGGING_STRUCTURED_FORMAT_CONSOLE = "ecs"
  }

  # What each function's settings record binds, and nothing else (local-runtime's
  # FunctionEnvironmentMatchesTerraformTest holds these keys to the records). CORS is API Gateway's
  # (modules/api cors_configuration): the functions never answered CORS headers, so they get no origin.
  function_environment = {
    command = {
      EVENT_BUS_NAME       = var.event_bus_name
      RATING_EVENTS_SOURCE = var.rating_events_source
    }
    relay = {
      EVENT_BUS_NAME       = var.event_bus_name
      RATING_EVENTS_SOURCE = var.rating_events_source
    }
    query = {
      WEIGHTED_RATING_MIN_VOTES     = tostring(var.weighted_rating_min_votes)
      MIN_RATINGS_FOR_AVERAGE       = tostring(var.min_ratings_for_average)
      CURSOR_SIGNING_KEY_SECRET_ARN = aws_secretsmanager_secret.cursor_signing_key.arn
    }
    # m is in the lists' scores the projector stores and a rebuild recomputes: the query's value, or the lists'
    # order disagrees with the scores the movie page shows
    projector = {
      WEIGHTED_RATING_MIN_VOTES = tostring(var.weighted_rating_min_votes)
    }
    ops = {
      WEIGHTED_RATING_MIN_VOTES = tostring(var.weighted_rating_min_votes)
      PROJECTION_QUEUE_URL      = var.projection_queue_url
      PROJECTION_DLQ_URL        = var.projection_dlq_url
      # the live alias the event source mapping feeds, written out: the alias resource depends on this function
      PROJECTOR_FUNCTION_ARN = local.projector_live_arn
    }
  }

  projector_live_arn = "${local.function_arns["projector"]}:live"

  function_names = { for key, _ in local.functions : key => "${var.name}-${key}" }
  function_arns  = { for key, name in local.function_names : key => "arn:aws:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${name}" }
}

# --- Logs --------------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "this" {
  for_each = local.functions

  name              = "/aws/lambda/${local.function_names[each.key]}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

# --- Network: one security group per function ----------------------------------------------------

resource "aws_security_group" "this" {
  for_each = local.functions

  name        = "${local.function_names[each.key]}-function"
  description = "Lambda ${each.key}: egress to RDS Proxy and the VPC endpoints only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${local.function_names[each.key]}-function" })
}

resource "aws_vpc_security_group_egress_rule" "to_database_proxy" {
  for_each = local.functions

  security_group_id            = aws_security_group.this[each.key].id
  description                  = "PostgreSQL to RDS Proxy"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = var.database_proxy_security_group_id
}

resource "aws_vpc_security_group_egress_rule" "to_endpoints" {
  for_each = local.functions

  security_group_id            = aws_security_group.this[each.key].id
  description                  = "HTTPS to the interface VPC endpoints"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.endpoint_security_group_id
}

# Ops imports the movie catalog from S3, through the gateway endpoint (no internet route).
resource "aws_vpc_security_group_egress_rule" "ops_to_s3" {
  security_group_id = aws_security_group.this["ops"].id
  description       = "HTTPS to S3 through the gateway endpoint (catalog import)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = var.s3_prefix_list_id
}

resource "aws_vpc_security_group_ingress_rule" "database_proxy_from_function" {
  for_each = local.functions

  security_group_id            = var.database_proxy_security_group_id
  description                  = "PostgreSQL from Lambda ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = aws_security_group.this[each.key].id
}

# --- IAM: one role per function ------------------------------------------------------------------

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = local.functions

  name               = "${local.function_names[each.key]}-function"
  assume_role_policy = data.aws_iam_policy_document.assume.json

  tags = var.tags
}

# What every function needs: its own log group, network interfaces in the VPC, its own role's secret.
data "aws_iam_policy_document" "runtime" {
  for_each = local.functions

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this[each.key].arn}:*"]
  }

  # These EC2 actions do not support resource-level permissions; the actions themselves are narrow.
  statement {
    sid = "ManageVpcNetworkInterfaces"
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "ReadOwnDatabaseSecret"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [var.database_secret_arns[each.key]]
  }

  dynamic "statement" {
    for_each = var.database_secret_kms_key_arn == null ? [] : [var.database_secret_kms_key_arn]

    content {
      sid       = "DecryptDatabaseSecret"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${data.aws_region.current.region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "runtime" {
  for_each = local.functions

  name   = "runtime"
  role   = aws_iam_role.this[each.key].id
  policy = data.aws_iam_policy_document.runtime[each.key].json
}

# The command function publishes after commit; the relay republishes what is still unpublished.
data "aws_iam_policy_document" "publish_rating_events" {
  statement {
    sid       = "PublishRatingEvents"
    actions   = ["events:PutEvents"]
    resources = [var.event_bus_arn]

    condition {
      test     = "StringEquals"
      variable = "events:source"
      values   = [var.rating_events_source]
    }
  }
}

resource "aws_iam_role_policy" "publish_rating_events" {
  for_each = toset(["command", "relay"])

  name   = "publish-rating-events"
  role   = aws_iam_role.this[each.key].id
  policy = data.aws_iam_policy_document.publish_rating_events.json
}

# The event source mapping polls with the projector's role.
data "aws_iam_policy_document" "consume_projection_queue" {
  statement {
    sid = "ConsumeProjectionQueue"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
    ]
    resources = [var.projection_queue_arn]
  }
}

resource "aws_iam_role_policy" "consume_projection_queue" {
  name   = "consume-projection-queue"
  role   = aws_iam_role.this["projector"].id
  policy = data.aws_iam_policy_document.consume_projection_queue.json
}

# Ops reads the DLQ's depth (status) and hands events back to the projector's queue (retry, replay-parked).
# Redriving the DLQ is the command line's, with the operator's own credentials, not this function's.
data "aws_iam_policy_document" "ops_projection_queues" {
  statement {
    sid       = "DeadLetterDepth"
    actions   = ["sqs:GetQueueAttributes"]
    resources = [var.projection_dlq_arn]
  }

  statement {
    sid       = "ReplayToProjectionQueue"
    actions   = ["sqs:SendMessage"]
    resources = [var.projection_queue_arn]
  }
}

# Ops pauses and resumes the projector (projector-pause|resume) by switching its event source mapping. The
# mapping's UUID exists only after the projector does, so the function finds it by listing (an action IAM
# cannot scope to a resource) and may update only a mapping that feeds the projector's live alias.
data "aws_iam_policy_document" "ops_projector_switch" {
  statement {
    sid       = "FindProjectorMapping"
    actions   = ["lambda:ListEventSourceMappings"]
    resources = ["*"]
  }

  statement {
    sid       = "SwitchProjectorMapping"
    actions   = ["lambda:UpdateEventSourceMapping"]
    resources = ["arn:aws:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:event-source-mapping:*"]

    condition {
      test     = "StringEquals"
      variable = "lambda:FunctionArn"
      values   = [local.projector_live_arn]
    }
  }
}

resource "aws_iam_role_policy" "ops_projector_switch" {
  name   = "switch-projector-mapping"
  role   = aws_iam_role.this["ops"].id
  policy = data.aws_iam_policy_document.ops_projector_switch.json
}

# Ops reads catalog files (movies.csv, links.csv) under catalog/ of the artifact bucket.
data "aws_iam_policy_document" "read_catalog" {
  statement {
    sid       = "ReadCatalogFiles"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::${var.artifact_bucket}/${var.catalog_prefix}*"]
  }

  statement {
    sid       = "ListCatalogFiles"
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::${var.artifact_bucket}"]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.catalog_prefix}*"]
    }
  }
}

resource "aws_iam_role_policy" "read_catalog" {
  name   = "read-catalog"
  role   = aws_iam_role.this["ops"].id
  policy = data.aws_iam_policy_document.read_catalog.json
}

# The key every query instance seals list cursors with (HMAC): one secret, shared by all instances.
# Its string is read as base64: 44 letters and digits decode to 33 bytes (the code wants at least 32).
resource "aws_secretsmanager_secret" "cursor_signing_key" {
  name_prefix             = "${var.name}/cursor-signing-key-"
  description             = "Key the query function signs list cursors with (base64)"
  recovery_window_in_days = 7

  tags = var.tags
}

data "aws_secretsmanager_random_password" "cursor_signing_key" {
  password_length     = 44
  exclude_punctuation = true
  include_space       = false
}

resource "aws_secretsmanager_secret_version" "cursor_signing_key" {
  secret_id     = aws_secretsmanager_secret.cursor_signing_key.id
  secret_string = data.aws_secretsmanager_random_password.cursor_signing_key.random_password

  lifecycle {
    ignore_changes = [secret_string]
  }
}

data "aws_iam_policy_document" "read_cursor_signing_key" {
  statement {
    sid       = "ReadCursorSigningKey"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.cursor_signing_key.arn]
  }
}

resource "aws_iam_role_policy" "read_cursor_signing_key" {
  name   = "read-cursor-signing-key"
  role   = aws_iam_role.this["query"].id
  policy = data.aws_iam_policy_document.read_cursor_signing_key.json
}

resource "aws_iam_role_policy" "ops_projection_queues" {
  name   = "projection-queues"
  role   = aws_iam_role.this["ops"].id
  policy = data.aws_iam_policy_document.ops_projection_queues.json
}

# --- Functions -----------------------------------------------------------------------------------

resource "aws_lambda_function" "this" {
  for_each = local.functions

  function_name = local.function_names[each.key]
  description   = each.value.description
  role          = aws_iam_role.this[each.key].arn
  runtime       = local.runtime
  handler       = local.handler
  architectures = [var.architecture]
  memory_size   = lookup(var.memory_size_mb, each.key, each.value.memory_mb)
  timeout       = each.value.timeout

  s3_bucket = var.artifact_bucket
  s3_key    = var.artifact_keys[each.value.artifact]

  # Every published version gets a SnapStart snapshot; traffic reaches versions only through the alias.
  publish = true

  snap_start {
    apply_on = "PublishedVersions"
  }

  reserved_concurrent_executions = each.value.reserved

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.this[each.key].id]
  }

  environment {
    variables = merge(
      local.common_environment,
      local.function_environment[each.key],
      {
        SPRING_CLOUD_FUNCTION_DEFINITION = each.value.definition
        # each function signs in as its own PostgreSQL role
        DATABASE_SECRET_ARN = var.database_secret_arns[each.key]
      },
    )
  }

  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.this[each.key].name
    application_log_level = "INFO"
    system_log_level      = "WARN"
  }

  tags = merge(var.tags, { Function = each.key })

  # After the first apply the pipeline owns the code (update-function-code + CodeDeploy).
  lifecycle {
    ignore_changes = [s3_key, s3_object_version]
  }

  depends_on = [aws_iam_role_policy.runtime]
}

resource "aws_lambda_alias" "live" {
  for_each = local.functions

  name             = "live"
  description      = "The version that takes traffic; CodeDeploy shifts it"
  function_name    = aws_lambda_function.this[each.key].function_name
  function_version = aws_lambda_function.this[each.key].version

  # CodeDeploy moves the alias (and its weights) on every deployment.
  lifecycle {
    ignore_changes = [function_version, routing_config]
  }
}

# --- Outbox relay schedule -----------------------------------------------------------------------

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name}-outbox-relay-schedule"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeOutboxRelay"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_alias.live["relay"].arn]
  }

  statement {
    sid       = "InvokeSimilarMoviesRefresh"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_alias.live["ops"].arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "invoke-outbox-relay"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

resource "aws_scheduler_schedule" "outbox_relay" {
  name                = "${var.name}-outbox-relay"
  description         = "Republish committed but unpublished rating events"
  schedule_expression = var.outbox_relay_schedule
  state               = var.outbox_relay_enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.live["relay"].arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode({})

    # The next tick is the retry: a late relay run is worth nothing.
    retry_policy {
      maximum_event_age_in_seconds = 60
      maximum_retry_attempts       = 0
    }
  }
}

# Similar movies are refreshed with bounded staleness: the ops function recomputes the movies whose likes
# changed since the last run (docs/operations.md, refresh-similar).
resource "aws_scheduler_schedule" "similar_movies_refresh" {
  name                = "${var.name}-similar-movies-refresh"
  description         = "Recompute the similar movies of movies whose likes changed"
  schedule_expression = var.similar_movies_refresh_schedule
  state               = "ENABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.live["ops"].arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode({ action = "refresh-similar" })

    retry_policy {
      maximum_event_age_in_seconds = 60
      maximum_retry_attempts       = 0
    }
  }
}

resource "aws_lambda_function_event_invoke_config" "outbox_relay" {
  function_name                = aws_lambda_function.this["relay"].function_name
  qualifier                    = aws_lambda_alias.live["relay"].name
  maximum_event_age_in_seconds = 60
  maximum_retry_attempts       = 0
}

# --- Alarms that roll a deployment back -------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "errors" {
  for_each = local.functions

  alarm_name          = "${local.function_names[each.key]}-errors"
  alarm_description   = "Lambda ${each.key} (alias live) returned errors; rolls back a CodeDeploy deployment."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    FunctionName = local.function_names[each.key]
    Resource     = "${local.function_names[each.key]}:live"
  }

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags
}

# --- CodeDeploy: canary traffic shifting on the live alias ----------------------------------------

resource "aws_codedeploy_app" "this" {
  name             = "${var.name}-functions"
  compute_platform = "Lambda"

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
  name               = "${var.name}-functions-codedeploy"
  assume_role_policy = data.aws_iam_policy_document.codedeploy_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "codedeploy" {
  statement {
    sid       = "ShiftAliasTraffic"
    actions   = ["lambda:GetAlias", "lambda:UpdateAlias", "lambda:GetProvisionedConcurrencyConfig"]
    resources = [for key, arn in local.function_arns : "${arn}:*"]
  }

  # Read-only; AWS's own CodeDeploy role policy grants it on "*" too, and a refused call would block
  # every deployment, so it is not narrowed to the alarm ARNs.
  statement {
    sid       = "ReadRollbackAlarms"
    actions   = ["cloudwatch:DescribeAlarms"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "codedeploy" {
  name   = "shift-alias-traffic"
  role   = aws_iam_role.codedeploy.id
  policy = data.aws_iam_policy_document.codedeploy.json
}

resource "aws_codedeploy_deployment_group" "this" {
  for_each = local.functions

  app_name               = aws_codedeploy_app.this.name
  deployment_group_name  = local.function_names[each.key]
  service_role_arn       = aws_iam_role.codedeploy.arn
  deployment_config_name = var.deployment_config_name

  deployment_style {
    deployment_option = "WITH_TRAFFIC_CONTROL"
    deployment_type   = "BLUE_GREEN"
  }

  auto_rollback_configuration {
    enabled = true
    events  = ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]
  }

  alarm_configuration {
    enabled = true
    alarms  = concat([aws_cloudwatch_metric_alarm.errors[each.key].alarm_name], lookup(var.extra_rollback_alarm_names, each.key, []))
  }

  tags = var.tags
}
