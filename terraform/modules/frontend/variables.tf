variable "name" {
  type        = string
  description = "Name prefix for every resource, e.g. movie-ratings-dev."
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC."
}

variable "public_subnet_ids" {
  type        = list(string)
  description = "Public subnets for the Application Load Balancer (two or more AZs)."
}

variable "instance_subnet_ids" {
  type        = list(string)
  description = "Subnets of the web instances; private subnets (egress through NAT) keep them off the internet."
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate for the HTTPS listener (the site's domain)."
}

variable "ssl_policy" {
  type        = string
  description = "TLS policy of the HTTPS listener."
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "instance_type" {
  type        = string
  description = "EC2 instance type; must match the AMI architecture (t4g = arm64)."
  default     = "t4g.micro"
}

variable "ami_ssm_parameter" {
  type        = string
  description = "Public SSM parameter with the latest Amazon Linux 2023 AMI for the instance architecture."
  default     = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
}

variable "min_size" {
  type        = number
  description = "Minimum instances in the Auto Scaling group."
  default     = 2
}

variable "max_size" {
  type        = number
  description = "Maximum instances in the Auto Scaling group."
  default     = 4
}

variable "desired_capacity" {
  type        = number
  description = "Initial desired instances (Terraform ignores later changes made by scaling)."
  default     = 2
}

variable "health_check_path" {
  type        = string
  description = "Path nginx answers 200 on from first boot, for the target group health check."
  default     = "/healthz"
}

variable "api_base_url" {
  type        = string
  description = "Base URL of the HTTP API the browser calls (written into /config.js)."
}

variable "auth" {
  type = object({
    issuer             = string
    client_id          = string
    hosted_ui_base_url = string
  })
  description = "Cognito sign-in settings for the browser (written into /config.js)."
}

variable "codedeploy_revision_bucket_arns" {
  type        = list(string)
  description = "S3 buckets the CodeDeploy agent downloads revisions from (the pipeline's artifact bucket)."
}

variable "deployment_config_name" {
  type        = string
  description = "CodeDeploy deployment configuration for the web instances."
  default     = "CodeDeployDefault.OneAtATime"
}

variable "enable_deletion_protection" {
  type        = bool
  description = "Protect the load balancer from deletion (true in prod)."
  default     = false
}

variable "access_logs_bucket" {
  type        = string
  description = "S3 bucket for ALB access logs, or null for none."
  default     = null
}

variable "alarm_actions" {
  type        = list(string)
  description = "SNS topic ARNs notified by the frontend alarms."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of this module."
  default     = {}
}

variable "waf_requests_per_ip_per_5_minutes" {
  type        = number
  description = "Requests one client address may send the site in 5 minutes before AWS WAF blocks it (at least 10)."
  default     = 1000

  validation {
    condition     = var.waf_requests_per_ip_per_5_minutes >= 10
    error_message = "AWS WAF rate-based rules take a limit of at least 10."
  }
}
