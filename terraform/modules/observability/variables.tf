# Inputs of the observability module. Those marked tflint-ignore are for the Prometheus/Grafana host, not built yet.

variable "name" {
  type        = string
  description = "Name prefix for every resource, e.g. movie-ratings-dev."
}

# tflint-ignore: terraform_unused_declarations
variable "vpc_id" {
  type        = string
  description = "VPC for a Prometheus/Grafana host (private subnet, behind the ALB with authentication)."
}

# tflint-ignore: terraform_unused_declarations
variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets for the monitoring host."
}

# tflint-ignore: terraform_unused_declarations
variable "site_url" {
  type        = string
  description = "Public URL of the site, probed by the blackbox exporter for uptime."
}

# tflint-ignore: terraform_unused_declarations
variable "function_names" {
  type        = map(string)
  description = "Lambda function names by key (command, relay, query, projector, ops) for the CloudWatch exporter."
}

# tflint-ignore: terraform_unused_declarations
variable "api_id" {
  type        = string
  description = "ID of the HTTP API (CloudWatch ApiId dimension)."
}

# tflint-ignore: terraform_unused_declarations
variable "projection_queue_name" {
  type        = string
  description = "Name of the projection queue (depth, oldest message age)."
}

# tflint-ignore: terraform_unused_declarations
variable "projection_dlq_name" {
  type        = string
  description = "Name of the projection dead-letter queue."
}

# tflint-ignore: terraform_unused_declarations
variable "db_instance_identifier" {
  type        = string
  description = "Identifier of the RDS instance (CloudWatch DBInstanceIdentifier dimension)."
}

# tflint-ignore: terraform_unused_declarations
variable "alb_arn_suffix" {
  type        = string
  description = "ARN suffix of the load balancer (CloudWatch LoadBalancer dimension)."
}

# tflint-ignore: terraform_unused_declarations
variable "web_autoscaling_group_name" {
  type        = string
  description = "Auto Scaling group of the web instances (node exporter targets are discovered from it)."
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
