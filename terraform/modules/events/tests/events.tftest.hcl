# Plan-time assertions with a mocked AWS provider: `terraform test` in this module (CodeBuild runs it).

mock_provider "aws" {}

variables {
  name                      = "movie-ratings-test"
  projector_function_arn    = "arn:aws:lambda:eu-west-1:123456789012:function:movie-ratings-test-projector:live"
  projector_timeout_seconds = 60
  user_pool_id              = "eu-west-1_AbCdEf123"
  user_pool_arn             = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123"
}

run "queue_and_trigger" {
  command = plan

  assert {
    condition     = aws_sqs_queue.this.visibility_timeout_seconds >= 6 * var.projector_timeout_seconds
    error_message = "The projection queue's visibility timeout must be at least 6x the projector timeout."
  }

  assert {
    condition     = aws_sqs_queue.this.sqs_managed_sse_enabled && aws_sqs_queue.dlq.sqs_managed_sse_enabled && aws_sqs_queue.delivery_dlq.sqs_managed_sse_enabled
    error_message = "Every queue is encrypted."
  }

  assert {
    condition     = contains(aws_lambda_event_source_mapping.projector.function_response_types, "ReportBatchItemFailures")
    error_message = "The projector reports partial batch failures."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.projector.batch_size == 10 && aws_lambda_event_source_mapping.projector.function_name == var.projector_function_arn
    error_message = "Batches of 10 go to the projector's live alias."
  }

  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.rating_events.event_pattern).source == ["movie-ratings.command-api"]
    error_message = "The rule matches the command side's events."
  }

  assert {
    condition     = toset(jsondecode(aws_cloudwatch_event_rule.rating_events.event_pattern)["detail-type"]) == toset(["RatingSubmitted", "RatingRetracted"])
    error_message = "The rule matches both rating event types."
  }

  assert {
    condition     = aws_cloudwatch_event_target.projection_queue.retry_policy[0].maximum_event_age_in_seconds == 86400
    error_message = "EventBridge keeps retrying delivery for a day before the rule's DLQ."
  }
}

run "visibility_follows_a_longer_projector_timeout" {
  command = plan

  variables {
    projector_timeout_seconds       = 300
    maximum_batching_window_seconds = 5
  }

  assert {
    condition     = aws_sqs_queue.this.visibility_timeout_seconds == 1805
    error_message = "Visibility = 6 x timeout + batching window."
  }
}

run "rejects_an_empty_batch" {
  command = plan

  variables {
    batch_size = 0
  }

  expect_failures = [var.batch_size]
}
