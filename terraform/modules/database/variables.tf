variable "name" {
  type        = string
  description = "Name prefix for every resource, e.g. movie-ratings-dev."
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the database lives in."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnet IDs for the DB subnet group and RDS Proxy (at least two AZs)."

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "RDS needs subnets in at least two availability zones."
  }
}

variable "engine_version" {
  type        = string
  description = "PostgreSQL engine version; a major version alone (\"17\") lets RDS pick and upgrade the minor."
  default     = "17"
}

variable "instance_class" {
  type        = string
  description = "Instance class of the primary, e.g. db.t4g.micro for dev, db.m7g.large for prod."
  default     = "db.t4g.micro"
}

variable "allocated_storage_gb" {
  type        = number
  description = "Initial gp3 storage in GiB."
  default     = 20
}

variable "max_allocated_storage_gb" {
  type        = number
  description = "Upper bound for storage autoscaling in GiB (must be >= allocated_storage_gb)."
  default     = 100
}

variable "database_name" {
  type        = string
  description = "Name of the application database."
  default     = "movieratings"
}

variable "master_username" {
  type        = string
  description = "Master user name; its password is generated and rotated by RDS in Secrets Manager."
  default     = "movieratings_admin"
}

variable "multi_az" {
  type        = bool
  description = "Run a synchronous standby in a second AZ."
  default     = false
}

variable "backup_retention_days" {
  type        = number
  description = "Days of automated backups and point-in-time recovery (1-35)."
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "Backups stay on: use 1 to 35 days."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Refuse to delete the instance (true in prod)."
  default     = true
}

variable "skip_final_snapshot" {
  type        = bool
  description = "Skip the final snapshot on destroy (only for throw-away dev environments)."
  default     = false
}

variable "kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key for storage and the master secret; null uses the AWS-managed keys (aws/rds, aws/secretsmanager)."
  default     = null
}

variable "create_analyst_tunnel" {
  type        = bool
  description = "Create the analysts' Session Manager tunnel instance (no inbound rules) that forwards to RDS Proxy."
  default     = false
}

variable "analyst_tunnel_instance_type" {
  type        = string
  description = "Instance type of the analysts' tunnel (arm64, matching the AL2023 arm64 AMI)."
  default     = "t4g.nano"
}

variable "secret_recovery_window_days" {
  type        = number
  description = "Days a deleted role secret can be restored (0 deletes at once; 7-30 otherwise)."
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "Secrets Manager accepts 0 or 7 to 30 days."
  }
}

variable "proxy_idle_client_timeout_seconds" {
  type        = number
  description = "Seconds an idle client connection to RDS Proxy is kept."
  default     = 1800
}

variable "proxy_max_connections_percent" {
  type        = number
  description = "Share of the instance's max_connections the proxy may use."
  default     = 90
}

variable "apply_immediately" {
  type        = bool
  description = "Apply modifications now instead of in the maintenance window."
  default     = false
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the exported PostgreSQL logs in CloudWatch Logs."
  default     = 30
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of this module."
  default     = {}
}
