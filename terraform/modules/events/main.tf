locals {
  # AWS: at least six times the function timeout, plus the batching window.
  visibility_timeout_seconds = 6 * var.projector_timeout_seconds + var.maximum_batching_window_seconds
}

resource "aws_cloudwatch_event_bus" "this" {
  name = var.name

  tags = var.tags
}

resource "aws_cloudwatch_event_archive" "this" {
  name             = var.name
  description      = "Every rating event on the bus, for replay"
  event_source_arn = aws_cloudwatch_event_bus.this.arn
  retention_days   = var.archive_retention_days
}

resource "aws_cloudwatch_event_rule" "rating_events" {
  name           = "${var.name}-rating-events"
  description    = "Rating events to the projection queue"
  event_bus_name = aws_cloudwatch_event_bus.this.name

  event_pattern = jsonencode({
    source        = [var.rating_events_source]
    "detail-type" = var.rating_event_detail_types
  })

  tags = var.tags
}

# --- Queues --------------------------------------------------------------------------------------

resource "aws_sqs_queue" "dlq" {
  name                      = "${var.name}-projection-dlq"
  message_retention_seconds = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled   = true

  tags = var.tags
}

resource "aws_sqs_queue" "this" {
  name                       = "${var.name}-projection"
  visibility_timeout_seconds = local.visibility_timeout_seconds
  message_retention_seconds  = var.queue_message_retention_seconds
  receive_wait_time_seconds  = 20
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = var.max_receive_count
  })

  tags = var.tags
}

resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this.arn]
  })
}

# Events EventBridge could not deliver to the queue after all retries.
resource "aws_sqs_queue" "delivery_dlq" {
  name                      = "${var.name}-rule-delivery-dlq"
  message_retention_seconds = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled   = true

  tags = var.tags
}

data "aws_iam_policy_document" "queue" {
  statement {
    sid       = "RatingEventsRuleSends"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.this.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.rating_events.arn]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.this.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "this" {
  queue_url = aws_sqs_queue.this.id
  policy    = data.aws_iam_policy_document.queue.json
}

data "aws_iam_policy_document" "delivery_dlq" {
  statement {
    sid       = "RatingEventsRuleDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.delivery_dlq.arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.rating_events.arn, aws_cloudwatch_event_rule.person_erased.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "delivery_dlq" {
  queue_url = aws_sqs_queue.delivery_dlq.id
  policy    = data.aws_iam_policy_document.delivery_dlq.json
}

# The whole EventBridge envelope is the message body (no input transformer).
resource "aws_cloudwatch_event_target" "projection_queue" {
  rule           = aws_cloudwatch_event_rule.rating_events.name
  event_bus_name = aws_cloudwatch_event_bus.this.name
  target_id      = "projection-queue"
  arn            = aws_sqs_queue.this.arn

  retry_policy {
    maximum_event_age_in_seconds = var.target_maximum_event_age_seconds
    maximum_retry_attempts       = var.target_maximum_retry_attempts
  }

  dead_letter_config {
    arn = aws_sqs_queue.delivery_dlq.arn
  }

  depends_on = [aws_sqs_queue_policy.this]
}

# --- Projector trigger ---------------------------------------------------------------------------

resource "aws_lambda_event_source_mapping" "projector" {
  event_source_arn                   = aws_sqs_queue.this.arn
  function_name                      = var.projector_function_arn
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_seconds
  function_response_types            = ["ReportBatchItemFailures"]
  enabled                            = true

  dynamic "scaling_config" {
    for_each = var.maximum_concurrency == null ? [] : [var.maximum_concurrency]

    content {
      maximum_concurrency = scaling_config.value
    }
  }

  tags = var.tags

  # Operators pause the projector by disabling this mapping (ops projector pause, through the ops function);
  # an apply during the maintenance must not switch it back on.
  lifecycle {
    ignore_changes = [enabled]
  }
}

# --- Alarms --------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "dlq_not_empty" {
  alarm_name          = "${var.name}-projection-dlq-not-empty"
  alarm_description   = "Rating events the projector gave up on; redrive after fixing (ops projectionOps)."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    QueueName = aws_sqs_queue.dlq.name
  }

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "delivery_dlq_not_empty" {
  alarm_name          = "${var.name}-rule-delivery-dlq-not-empty"
  alarm_description   = "EventBridge could not deliver rating events to the projection queue."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    QueueName = aws_sqs_queue.delivery_dlq.name
  }

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "projection_lag" {
  alarm_name          = "${var.name}-projection-queue-oldest-message"
  alarm_description   = "The oldest rating event waiting for the projector is too old: scores are going stale."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  threshold           = var.oldest_message_alarm_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    QueueName = aws_sqs_queue.this.name
  }

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rule_failed_invocations" {
  alarm_name          = "${var.name}-rating-events-rule-failed"
  alarm_description   = "EventBridge failed to deliver rating events to the projection queue."
  namespace           = "AWS/Events"
  metric_name         = "FailedInvocations"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    EventBusName = aws_cloudwatch_event_bus.this.name
    RuleName     = aws_cloudwatch_event_rule.rating_events.name
  }

  alarm_actions = var.alarm_actions

  tags = var.tags
}

# --- An erasure's identity provider user (issue 16) -----------------------------------------------
# Each PersonErased starts an execution that deletes the person's Cognito user, which holds their e-mail, with Step
# Functions' AWS SDK integration. Not a function: the functions reach AWS only through VPC endpoints and have no
# internet egress, and AWS PrivateLink refuses a user pool that has a domain (the hosted UI's); a state machine
# runs outside the VPC, needs no package and keeps each execution (an auditor can list them). The pool's username
# attribute is the e-mail, so a user's username is a generated id and AdminDeleteUser takes the sub as Username:
# the event's userId, never the e-mail. A user already gone counts as done, so a retried or replayed event is
# harmless.

resource "aws_cloudwatch_event_rule" "person_erased" {
  name           = "${var.name}-person-erased"
  description    = "Each erasure's PersonErased to the state machine that deletes the person's Cognito user"
  event_bus_name = aws_cloudwatch_event_bus.this.name

  event_pattern = jsonencode({
    source        = [var.rating_events_source]
    "detail-type" = ["PersonErased"]
  })

  tags = var.tags
}

resource "aws_sfn_state_machine" "delete_identity_user" {
  name     = "${var.name}-delete-identity-user"
  role_arn = aws_iam_role.delete_identity_user.arn
  type     = "STANDARD"

  definition = jsonencode({
    Comment = "Deletes an erased person's Cognito user (PersonErased, issue 16)"
    StartAt = "AdminDeleteUser"
    States = {
      AdminDeleteUser = {
        Type     = "Task"
        Resource = "arn:aws:states:::aws-sdk:cognitoidentityprovider:adminDeleteUser"
        Parameters = {
          UserPoolId   = var.user_pool_id
          "Username.$" = "$.detail.userId"
        }
        Retry = [{
          ErrorEquals     = ["CognitoIdentityProvider.TooManyRequestsException", "CognitoIdentityProvider.InternalErrorException", "States.Timeout"]
          IntervalSeconds = 2
          MaxAttempts     = 6
          BackoffRate     = 2
        }]
        Catch = [{
          ErrorEquals = ["CognitoIdentityProvider.UserNotFoundException"]
          Next        = "AlreadyGone"
        }]
        End = true
      }
      AlreadyGone = {
        Type    = "Succeed"
        Comment = "Deleted before (a redelivered event), or never there"
      }
    }
  })

  tags = var.tags
}

# A person whose Cognito user could not be deleted (every retry spent) still has their e-mail there: an operator must
# look, so a failed execution pages as a failed delivery does.
resource "aws_cloudwatch_metric_alarm" "identity_deletion_failed" {
  alarm_name          = "${var.name}-identity-deletion-failed"
  alarm_description   = "An erased person's Cognito user was not deleted: see the state machine's failed execution."
  namespace           = "AWS/States"
  metric_name         = "ExecutionsFailed"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    StateMachineArn = aws_sfn_state_machine.delete_identity_user.arn
  }

  alarm_actions = var.alarm_actions

  tags = var.tags
}

data "aws_iam_policy_document" "states_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "delete_identity_user" {
  name               = "${var.name}-delete-identity-user"
  assume_role_policy = data.aws_iam_policy_document.states_assume.json

  tags = var.tags
}

# That one action, on that one pool.
data "aws_iam_policy_document" "delete_identity_user" {
  statement {
    sid       = "DeleteErasedPersonsUser"
    actions   = ["cognito-idp:AdminDeleteUser"]
    resources = [var.user_pool_arn]
  }
}

resource "aws_iam_role_policy" "delete_identity_user" {
  name   = "delete-identity-user"
  role   = aws_iam_role.delete_identity_user.id
  policy = data.aws_iam_policy_document.delete_identity_user.json
}

data "aws_iam_policy_document" "events_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "start_identity_deletion" {
  name               = "${var.name}-start-identity-deletion"
  assume_role_policy = data.aws_iam_policy_document.events_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "start_identity_deletion" {
  statement {
    sid       = "StartIdentityDeletion"
    actions   = ["states:StartExecution"]
    resources = [aws_sfn_state_machine.delete_identity_user.arn]
  }
}

resource "aws_iam_role_policy" "start_identity_deletion" {
  name   = "start-identity-deletion"
  role   = aws_iam_role.start_identity_deletion.id
  policy = data.aws_iam_policy_document.start_identity_deletion.json
}

# The whole EventBridge event is the execution's input; an event EventBridge could not hand over goes to the rule
# delivery DLQ, as the projection queue's do.
resource "aws_cloudwatch_event_target" "person_erased" {
  rule           = aws_cloudwatch_event_rule.person_erased.name
  event_bus_name = aws_cloudwatch_event_bus.this.name
  target_id      = "delete-identity-user"
  arn            = aws_sfn_state_machine.delete_identity_user.arn
  role_arn       = aws_iam_role.start_identity_deletion.arn

  retry_policy {
    maximum_event_age_in_seconds = var.target_maximum_event_age_seconds
    maximum_retry_attempts       = var.target_maximum_retry_attempts
  }

  dead_letter_config {
    arn = aws_sqs_queue.delivery_dlq.arn
  }

  depends_on = [aws_sqs_queue_policy.delivery_dlq]
}
