output "alarm_names" {
  description = "Names of the pipeline alarms on the functions' embedded-metric-format metrics, by key."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.pipeline : key => alarm.alarm_name }
}

output "projector_rollback_alarm_names" {
  description = "Alarms that should roll back a projector deployment (add to the functions module's extra_rollback_alarm_names)."
  value       = [aws_cloudwatch_metric_alarm.pipeline["projector-failures"].alarm_name]
}

output "monitoring_instance_id" {
  description = "Instance running Prometheus and Grafana; reach Grafana with Session Manager port forwarding to 127.0.0.1:3000."
  value       = aws_instance.monitoring.id
}

output "grafana_admin_secret_arn" {
  description = "Secret holding Grafana's admin password (username admin)."
  value       = aws_secretsmanager_secret.grafana_admin.arn
}
