# Observability on AWS. Here: CloudWatch alarms on the metrics the functions publish in the embedded
# metric format (namespace MovieRatings, the same names as the local Prometheus series) and on API
# Gateway and RDS Proxy. monitoring.tf: the Prometheus + Grafana instance. The DLQ depth alarm lives in
# the events module and the function error alarms in the functions module, next to what they watch.

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
    outbox-backlog = {
      description = "More than 100 committed events wait for the bus: the relay or the bus is behind."
      metric      = "movie_ratings_outbox_unpublished_events"
      dimensions  = { function = "relay" }
      statistic   = "Maximum"
      extended    = null
      threshold   = 100
      periods     = 3
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

# API latency and errors as API Gateway measures them (what a browser sees), and the database's response
# time as RDS Proxy measures it for every function.
locals {
  aws_alarms = {
    api-latency = {
      description = "p99 latency of the HTTP API is above 1 s for 5 minutes."
      namespace   = "AWS/ApiGateway"
      metric      = "Latency"
      dimensions  = { ApiId = var.api_id }
      statistic   = null
      extended    = "p99"
      threshold   = 1000
      periods     = 5
    }
    api-5xx = {
      description = "The HTTP API answered 5xx (API Gateway's count, integration failures included) 5 or more times in a minute."
      namespace   = "AWS/ApiGateway"
      metric      = "5xx"
      dimensions  = { ApiId = var.api_id }
      statistic   = "Sum"
      extended    = null
      threshold   = 5
      periods     = 1
    }
    db-response-time = {
      description = "The database takes over 200 ms on average to answer queries through RDS Proxy, 5 minutes running."
      namespace   = "AWS/RDS"
      metric      = "QueryDatabaseResponseLatency"
      dimensions  = { ProxyName = var.db_proxy_name }
      statistic   = "Average"
      extended    = null
      threshold   = 200000 # microseconds
      periods     = 5
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "aws" {
  for_each = local.aws_alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
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

# The watermark has not moved for 5 minutes while events wait above it: one event the projector cannot apply
# holds it, or the projector is paused or failing. The rule of Prometheus's MovieRatingsProjectionStalled, from
# the two gauges the outbox relay reports every run. Runbook: docs/operations.md, "Projection stalled".
resource "aws_cloudwatch_metric_alarm" "projection_stalled" {
  alarm_name          = "${var.name}-projection-stalled"
  alarm_description   = "The projection watermark has not moved for 5 minutes while events wait above it. Run ops status (docs/operations.md, Projection stalled)."
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"

  metric_query {
    id          = "stalled"
    expression  = "IF(gap > 0 AND highest - lowest == 0, 1, 0)"
    label       = "Watermark unmoved while events wait"
    return_data = true
  }

  metric_query {
    id = "gap"

    metric {
      namespace   = local.namespace
      metric_name = "movie_ratings_projection_position_gap_events"
      dimensions  = { function = "relay" }
      period      = 300
      stat        = "Minimum"
    }
  }

  metric_query {
    id = "highest"

    metric {
      namespace   = local.namespace
      metric_name = "movie_ratings_projection_watermark_position"
      dimensions  = { function = "relay" }
      period      = 300
      stat        = "Maximum"
    }
  }

  metric_query {
    id = "lowest"

    metric {
      namespace   = local.namespace
      metric_name = "movie_ratings_projection_watermark_position"
      dimensions  = { function = "relay" }
      period      = 300
      stat        = "Minimum"
    }
  }

  alarm_actions = var.alarm_actions
  ok_actions    = var.alarm_actions

  tags = var.tags
}
