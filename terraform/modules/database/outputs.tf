output "instance_identifier" {
  description = "Identifier of the primary DB instance."
  value       = aws_db_instance.this.identifier
}

output "instance_address" {
  description = "Host name of the primary DB instance (reachable only through RDS Proxy's security group)."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "PostgreSQL port."
  value       = local.port
}

output "database_name" {
  description = "Name of the application database."
  value       = aws_db_instance.this.db_name
}

output "proxy_endpoint" {
  description = "Host name of RDS Proxy; the functions and the migration job connect here."
  value       = aws_db_proxy.this.endpoint
}

output "proxy_security_group_id" {
  description = "Security group of RDS Proxy; client modules add ingress rules to it."
  value       = aws_security_group.proxy.id
}

output "database_security_group_id" {
  description = "Security group of the DB instance (ingress only from the proxy)."
  value       = aws_security_group.database.id
}

output "jdbc_url" {
  description = "SPRING_DATASOURCE_URL for the functions and the migration job (through RDS Proxy, TLS required)."
  value       = "jdbc:postgresql://${aws_db_proxy.this.endpoint}:${local.port}/${aws_db_instance.this.db_name}?sslmode=require"
}

output "master_secret_arn" {
  description = "ARN of the RDS-managed Secrets Manager secret (JSON keys username, password)."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "role_secret_arns" {
  description = "Secret (JSON username/password) of each PostgreSQL role by key: owner, command, relay, projector, query, ops, analyst."
  value       = { for key, secret in aws_secretsmanager_secret.role : key => secret.arn }
}

output "role_names" {
  description = "PostgreSQL role name by key (the username in each role's secret)."
  value       = local.database_roles
}

output "analyst_tunnel_instance_id" {
  description = "Instance analysts start a Session Manager port-forwarding session on, or null."
  value       = var.create_analyst_tunnel ? aws_instance.analyst_tunnel[0].id : null
}

output "proxy_name" {
  description = "Name of RDS Proxy (CloudWatch ProxyName dimension)."
  value       = aws_db_proxy.this.name
}
