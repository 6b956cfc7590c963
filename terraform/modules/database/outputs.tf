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

output "replica_address" {
  description = "Host name of the analysts' read replica, or null when there is none."
  value       = var.create_read_replica ? aws_db_instance.replica[0].address : null
}
