output "function_names" {
  description = "Function names by key (command, relay, query, projector, ops)."
  value       = { for key, fn in aws_lambda_function.this : key => fn.function_name }
}

output "function_arns" {
  description = "Unqualified function ARNs by key."
  value       = { for key, fn in aws_lambda_function.this : key => fn.arn }
}

output "alias_arns" {
  description = "ARNs of the live aliases by key; every trigger targets these."
  value       = { for key, alias in aws_lambda_alias.live : key => alias.arn }
}

output "alias_invoke_arns" {
  description = "Invoke ARNs of the live aliases by key, for API Gateway integrations."
  value       = { for key, alias in aws_lambda_alias.live : key => alias.invoke_arn }
}

output "alias_name" {
  description = "Name of the alias that takes traffic."
  value       = "live"
}

output "projector_alias_arn" {
  description = "ARN of the projector's live alias. Depends on the queue policy of its role, so an event source mapping created from it can poll at once."
  value       = aws_lambda_alias.live["projector"].arn

  depends_on = [aws_iam_role_policy.consume_projection_queue]
}

output "projector_timeout_seconds" {
  description = "Timeout of the projector; the queue's visibility timeout must be at least 6x this. (From the variable, not the resource: the queue must not wait for the functions, whose environment needs the queue.)"
  value       = var.projector_timeout_seconds
}

output "role_arns" {
  description = "Execution role ARNs by key."
  value       = { for key, role in aws_iam_role.this : key => role.arn }
}

output "security_group_ids" {
  description = "Security group IDs of the functions by key."
  value       = { for key, sg in aws_security_group.this : key => sg.id }
}

output "error_alarm_names" {
  description = "Names of the per-function error alarms by key."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.errors : key => alarm.alarm_name }
}

output "codedeploy_app_name" {
  description = "CodeDeploy application (compute platform Lambda) of the functions."
  value       = aws_codedeploy_app.this.name
}

output "deployment_group_names" {
  description = "CodeDeploy deployment group names by function key."
  value       = { for key, group in aws_codedeploy_deployment_group.this : key => group.deployment_group_name }
}

output "artifacts" {
  description = "Artifact (jar) each function runs, by key: command-api, query-api, projection-worker or ops-cli."
  value       = { for key, fn in local.functions : key => fn.artifact }
}
