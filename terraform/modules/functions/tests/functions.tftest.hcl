# Plan-time assertions with a mocked AWS provider: `terraform test` in this module (CodeBuild runs it).

mock_provider "aws" {}

variables {
  name            = "movie-ratings-test"
  artifact_bucket = "movie-ratings-artifacts-test"
  artifact_keys = {
    command-api       = "bootstrap/command-api-aws.jar"
    query-api         = "bootstrap/query-api-aws.jar"
    projection-worker = "bootstrap/projection-worker-aws.jar"
    ops-cli           = "bootstrap/ops-cli-aws.jar"
  }
  vpc_id                           = "vpc-0123456789abcdef0"
  subnet_ids                       = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  endpoint_security_group_id       = "sg-0123456789abcdef0"
  s3_prefix_list_id                = "pl-6da54004"
  database_proxy_security_group_id = "sg-0123456789abcdef1"
  datasource_url                   = "jdbc:postgresql://proxy.example:5432/movieratings?sslmode=require"
  database_secret_arns = {
    command   = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:movie-ratings-test/database/command-AbCdEf"
    relay     = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:movie-ratings-test/database/relay-AbCdEf"
    query     = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:movie-ratings-test/database/query-AbCdEf"
    projector = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:movie-ratings-test/database/projector-AbCdEf"
    ops       = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:movie-ratings-test/database/ops-AbCdEf"
  }
  event_bus_name       = "movie-ratings-test"
  event_bus_arn        = "arn:aws:events:eu-west-1:123456789012:event-bus/movie-ratings-test"
  projection_queue_arn = "arn:aws:sqs:eu-west-1:123456789012:movie-ratings-test-projection"
  projection_queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/movie-ratings-test-projection"
  projection_dlq_arn   = "arn:aws:sqs:eu-west-1:123456789012:movie-ratings-test-projection-dlq"
  projection_dlq_url   = "https://sqs.eu-west-1.amazonaws.com/123456789012/movie-ratings-test-projection-dlq"
}

run "functions" {
  command = plan

  assert {
    condition     = alltrue([for fn in aws_lambda_function.this : fn.runtime == "java21" && fn.handler == "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest"])
    error_message = "Every function runs java21 through FunctionInvoker."
  }

  assert {
    condition     = alltrue([for fn in aws_lambda_function.this : fn.publish && fn.snap_start[0].apply_on == "PublishedVersions"])
    error_message = "Every function publishes versions with SnapStart."
  }

  assert {
    condition = {
      for key, fn in aws_lambda_function.this : key => fn.environment[0].variables["SPRING_CLOUD_FUNCTION_DEFINITION"]
      } == {
      command   = "ratingCommands"
      relay     = "outboxRelay"
      query     = "movieQueries"
      projector = "projectRatingEvents"
      ops       = "projectionOps"
    }
    error_message = "Each function calls its own Spring Cloud Function bean."
  }

  assert {
    condition     = alltrue([for fn in aws_lambda_function.this : fn.environment[0].variables["LOGGING_STRUCTURED_FORMAT_CONSOLE"] == "ecs"])
    error_message = "The shared environment reaches every function."
  }

  assert {
    condition = (
      aws_lambda_function.this["command"].environment[0].variables["RATING_EVENTS_SOURCE"] == "movie-ratings.command-api"
      && aws_lambda_function.this["query"].environment[0].variables["WEIGHTED_RATING_MIN_VOTES"] == "50"
      && !contains(keys(aws_lambda_function.this["projector"].environment[0].variables), "RATING_EVENTS_SOURCE")
      && !contains(keys(aws_lambda_function.this["query"].environment[0].variables), "CORS_ALLOWED_ORIGIN")
    )
    error_message = "Each function gets the variables its settings read, and no others."
  }

  assert {
    condition     = alltrue([for fn in aws_lambda_function.this : fn.reserved_concurrent_executions == -1])
    error_message = "No function reserves concurrency by default (a new account's quota refuses any)."
  }

  assert {
    condition     = alltrue([for key, fn in aws_lambda_function.this : endswith(fn.environment[0].variables["DATABASE_SECRET_ARN"], "/database/${key}-AbCdEf")])
    error_message = "Each function reads its own role's secret."
  }

  assert {
    condition     = aws_lambda_function.this["command"].s3_key == "bootstrap/command-api-aws.jar" && aws_lambda_function.this["relay"].s3_key == "bootstrap/command-api-aws.jar"
    error_message = "The command and relay functions run the command-api jar."
  }

  assert {
    condition     = aws_scheduler_schedule.outbox_relay.schedule_expression == "rate(1 minute)"
    error_message = "The relay runs every minute."
  }

  assert {
    condition     = alltrue([for alias in aws_lambda_alias.live : alias.name == "live"])
    error_message = "Traffic goes through the live alias."
  }
}

run "rejects_an_unknown_architecture" {
  command = plan

  variables {
    architecture = "sparc"
  }

  expect_failures = [var.architecture]
}
