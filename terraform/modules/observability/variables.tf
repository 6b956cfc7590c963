# Inputs of the observability module: what the alarms and the monitoring instance watch.

variable "name" {
  type        = string
  description = "Name prefix for every resource, e.g. movie-ratings-dev."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the monitoring instance."
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets for the monitoring host."
}

variable "site_url" {
  type        = string
  description = "Public URL of the site, probed by the blackbox exporter for uptime."
}

variable "function_names" {
  type        = map(string)
  description = "Lambda function names by key (command, relay, query, projector, ops) for the CloudWatch exporter."
}

variable "api_id" {
  type        = string
  description = "ID of the HTTP API (CloudWatch ApiId dimension)."
}

variable "projection_queue_name" {
  type        = string
  description = "Name of the projection queue (depth, oldest message age)."
}

variable "projection_dlq_name" {
  type        = string
  description = "Name of the projection dead-letter queue."
}

variable "db_instance_identifier" {
  type        = string
  description = "Identifier of the RDS instance (CloudWatch DBInstanceIdentifier dimension)."
}

variable "alb_arn_suffix" {
  type        = string
  description = "ARN suffix of the load balancer (CloudWatch LoadBalancer dimension)."
}

variable "web_autoscaling_group_name" {
  type        = string
  description = "Auto Scaling group of the web instances (node exporter targets are discovered from it)."
}

variable "db_proxy_name" {
  type        = string
  description = "Name of RDS Proxy (CloudWatch ProxyName dimension: the database's response time)."
}

variable "web_security_group_id" {
  type        = string
  description = "Security group of the web instances; the monitoring instance scrapes their node exporter on 9100."
}

variable "alerts_topic_arn" {
  type        = string
  description = "SNS topic Alertmanager publishes the Prometheus alerts to."
}

variable "alerts_kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key of the alerts topic (publishing to it needs kms:GenerateDataKey)."
}

variable "monitoring_instance_type" {
  type        = string
  description = "Instance type of the monitoring instance (arm64: the Debian arm64 AMI)."
  default     = "t4g.small"
}

variable "yace_version" {
  type        = string
  description = "Release of YACE (yet-another-cloudwatch-exporter) the monitoring instance installs (checked against the release's checksums.txt)."
  default     = "0.61.2"
}

variable "alarm_actions" {
  type        = list(string)
  description = "SNS topic ARNs for the alerts."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of this module."
  default     = {}
}
