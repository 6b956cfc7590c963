output "bus_name" {
  description = "Name of the custom event bus (EVENT_BUS_NAME)."
  value       = aws_cloudwatch_event_bus.this.name
}

output "bus_arn" {
  description = "ARN of the custom event bus."
  value       = aws_cloudwatch_event_bus.this.arn
}

output "rule_arn" {
  description = "ARN of the rule forwarding rating events to the projection queue."
  value       = aws_cloudwatch_event_rule.rating_events.arn
}

output "archive_arn" {
  description = "ARN of the bus archive."
  value       = aws_cloudwatch_event_archive.this.arn
}

output "queue_arn" {
  description = "ARN of the projection queue."
  value       = aws_sqs_queue.this.arn
}

output "queue_url" {
  description = "URL of the projection queue."
  value       = aws_sqs_queue.this.id
}

output "queue_name" {
  description = "Name of the projection queue."
  value       = aws_sqs_queue.this.name
}

output "visibility_timeout_seconds" {
  description = "Visibility timeout of the projection queue (>= 6x the projector timeout)."
  value       = aws_sqs_queue.this.visibility_timeout_seconds
}

output "dlq_arn" {
  description = "ARN of the projection queue's dead-letter queue."
  value       = aws_sqs_queue.dlq.arn
}

output "dlq_url" {
  description = "URL of the projection queue's dead-letter queue."
  value       = aws_sqs_queue.dlq.id
}

output "dlq_name" {
  description = "Name of the projection queue's dead-letter queue."
  value       = aws_sqs_queue.dlq.name
}

output "delivery_dlq_arn" {
  description = "ARN of the rule target's dead-letter queue (undeliverable events)."
  value       = aws_sqs_queue.delivery_dlq.arn
}

output "dlq_alarm_name" {
  description = "Name of the alarm on the projection DLQ; it rolls back projector deployments."
  value       = aws_cloudwatch_metric_alarm.dlq_not_empty.alarm_name
}

output "alarm_arns" {
  description = "ARNs of this module's alarms."
  value = [
    aws_cloudwatch_metric_alarm.dlq_not_empty.arn,
    aws_cloudwatch_metric_alarm.delivery_dlq_not_empty.arn,
    aws_cloudwatch_metric_alarm.projection_lag.arn,
    aws_cloudwatch_metric_alarm.rule_failed_invocations.arn,
  ]
}

output "event_source_mapping_uuid" {
  description = "UUID of the projector's event source mapping."
  value       = aws_lambda_event_source_mapping.projector.uuid
}
