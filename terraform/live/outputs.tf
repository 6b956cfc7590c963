output "site_url" {
  description = "Public URL of the site."
  value       = "${local.site_origin}/"
}

output "alb_dns_name" {
  description = "DNS name of the load balancer (point the domain here when Route53 is not used)."
  value       = module.frontend.alb_dns_name
}

output "api_endpoint" {
  description = "Base URL of the HTTP API."
  value       = module.api.api_endpoint
}

output "api_public_url" {
  description = "Base URL the site calls the API at (CloudFront with AWS WAF in front of the HTTP API)."
  value       = module.api.public_base_url
}

output "user_pool_id" {
  description = "Cognito user pool of the site's users."
  value       = module.api.user_pool_id
}

output "function_names" {
  description = "Lambda function names by key."
  value       = module.functions.function_names
}

output "projection_queue_url" {
  description = "URL of the projection queue."
  value       = module.events.queue_url
}

output "projection_dlq_url" {
  description = "URL of the projection dead-letter queue."
  value       = module.events.dlq_url
}

output "database_proxy_endpoint" {
  description = "RDS Proxy endpoint."
  value       = module.database.proxy_endpoint
}

output "database_secret_arn" {
  description = "ARN of the RDS-managed master secret."
  value       = module.database.master_secret_arn
}

output "analyst_tunnel_instance_id" {
  description = "Instance analysts open a Session Manager port-forwarding session on (docs/analytics.md), or null."
  value       = module.database.analyst_tunnel_instance_id
}

output "database_role_secret_arns" {
  description = "Secret of each PostgreSQL role (owner, command, relay, projector, query, ops, analyst)."
  value       = module.database.role_secret_arns
}

output "pipeline_name" {
  description = "CodePipeline that builds and deploys this environment."
  value       = module.cicd.pipeline_name
}

output "catalog_source" {
  description = "S3 folder the pipeline's catalog step imports the movies from (docs/deploy.md, \"The catalog\")."
  value       = module.cicd.catalog_source
}

output "source_connection_arn" {
  description = "Source connection; complete its handshake in the console if it is PENDING."
  value       = module.cicd.connection_arn
}

output "alerts_topic_arn" {
  description = "SNS topic that receives every alarm."
  value       = aws_sns_topic.alerts.arn
}

output "monitoring_instance_id" {
  description = "Prometheus/Grafana instance: aws ssm start-session --target <id> --document-name AWS-StartPortForwardingSession --parameters portNumber=3000,localPortNumber=3000."
  value       = module.observability.monitoring_instance_id
}

output "grafana_admin_secret_arn" {
  description = "Secret with Grafana's admin password."
  value       = module.observability.grafana_admin_secret_arn
}
