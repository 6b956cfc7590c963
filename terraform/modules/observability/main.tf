# Observability on AWS, first part: CloudWatch alarms on the metrics the functions publish in the
# embedded metric format (namespace MovieRatings, the same names as the local Prometheus series).
# Lambda, SQS, RDS and ALB metrics are CloudWatch's own; the DLQ depth alarm lives in the events module
# and the function error alarms in the functions module, next to what they watch.
#
# Not here yet (see README.md): the Prometheus + Grafana host with node, blackbox and CloudWatch
# exporters (observability/prometheus/prometheus-aws.yml is its configuration).

locals {
  namespace = "MovieRatings"

  alarms = {
    projection-lag = {
      description = "p99 time from a rating event to its application in the projections is above 5 s: scores are going stale."
      metric      = "movie_ratings_projection_lag_seconds"
      dimensions  = { function = "projector" }
      statistic   = null
      extended    = "p99"
      threshold   = 5
      periods     = 3
    }
    outbox-stale = {
      description = "A committed event has waited more than 60 s to reach the bus: the bus or the relay is failing."
      metric      = "movie_ratings_outbox_oldest_unpublished_age_seconds"
      dimensions  = { function = "relay" }
      statistic   = "Maximum"
      extended    = null
      threshold   = 60
      periods     = 2
    }
    server-errors = {
      description = "The API answered 5xx to at least 5 requests in a minute."
      metric      = "movie_ratings_errors_total"
      dimensions  = { kind = "server_error" }
      statistic   = "Sum"
      extended    = null
      threshold   = 5
      periods     = 1
    }
    projector-failures = {
      description = "The projector reported failed messages (batchItemFailures); rolls back a projector deployment."
      metric      = "movie_ratings_projector_failures_total"
      dimensions  = { function = "projector" }
      statistic   = "Sum"
      extended    = null
      threshold   = 1
      periods     = 1
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "pipeline" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = local.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  extended_statistic  = each.value.extended
  period              = 60
  evaluation_periods  = each.value.periods
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags
}
