variable "environment" {
  type        = string
  description = "Environment name; part of every resource name (movie-ratings-<environment>)."
  default     = "dev"
}

variable "region" {
  type        = string
  description = "AWS region of the environment."
  default     = "eu-west-1"
}

variable "domain_name" {
  type        = string
  description = "Host name of the site, e.g. dev.movieratings.example.com. The site origin https://<domain_name> is the only CORS origin."
}

variable "route53_zone_id" {
  type        = string
  description = "Route53 hosted zone of domain_name: when set, the dns module issues the certificate and the alias record. null: bring certificate_arn and point DNS at the ALB yourself."
  default     = null
}

variable "certificate_arn" {
  type        = string
  description = "ACM certificate for domain_name in this region; used only when route53_zone_id is null."
  default     = null

  validation {
    condition     = var.certificate_arn != null || var.route53_zone_id != null
    error_message = "HTTPS needs a certificate: set route53_zone_id (certificate issued here) or certificate_arn."
  }
}

variable "vpc_cidr_block" {
  type        = string
  description = "IPv4 CIDR of the VPC."
  default     = "10.20.0.0/16"
}

variable "availability_zone_count" {
  type        = number
  description = "Number of availability zones (2 or 3)."
  default     = 2
}

variable "single_nat_gateway" {
  type        = bool
  description = "One shared NAT gateway (cheaper) instead of one per AZ."
  default     = true
}

variable "artifact_bucket" {
  type        = string
  description = "Bucket holding the function jars (created by terraform/bootstrap); the functions are created from artifact_keys in it."
}

variable "artifact_keys" {
  type        = map(string)
  description = "S3 keys of the bootstrap jars by artifact: command-api, query-api, projection-worker, ops-cli."
}

variable "db_instance_class" {
  type        = string
  description = "RDS instance class of the primary."
  default     = "db.t4g.micro"
}

variable "db_allocated_storage_gb" {
  type        = number
  description = "Initial database storage in GiB."
  default     = 20
}

variable "db_max_allocated_storage_gb" {
  type        = number
  description = "Upper bound of database storage autoscaling in GiB."
  default     = 50
}

variable "db_multi_az" {
  type        = bool
  description = "Synchronous standby in a second AZ."
  default     = false
}

variable "db_backup_retention_days" {
  type        = number
  description = "Days of automated backups."
  default     = 3
}

variable "db_deletion_protection" {
  type        = bool
  description = "Refuse to delete the database."
  default     = false
}

variable "db_skip_final_snapshot" {
  type        = bool
  description = "Skip the final snapshot when the database is destroyed."
  default     = true
}

variable "analyst_tunnel" {
  type        = bool
  description = "Create the analysts' Session Manager tunnel (a t4g.nano with no inbound rules) to RDS Proxy."
  default     = false
}

variable "weighted_rating_min_votes" {
  type        = number
  description = "m of the weighted rating."
  default     = 50
}

variable "function_memory_size_mb" {
  type        = map(number)
  description = "Memory per function key (command, relay, query, projector, ops); missing keys use the functions module's defaults (1024; relay 512, ops 2048)."
  default     = {}
}

variable "projector_timeout_seconds" {
  type        = number
  description = "Timeout of the projector (the queue's visibility timeout follows it)."
  default     = 60
}

variable "projector_batch_size" {
  type        = number
  description = "Messages per projector invocation."
  default     = 10
}

variable "projector_batching_window_seconds" {
  type        = number
  description = "Seconds the event source mapping waits to fill a batch."
  default     = 1
}

variable "projector_maximum_concurrency" {
  type        = number
  description = "Upper bound of concurrent projector invocations (>= 2), or null."
  default     = 5
}

variable "lambda_deployment_config_name" {
  type        = string
  description = "CodeDeploy traffic shifting for the functions."
  default     = "CodeDeployDefault.LambdaAllAtOnce"
}

variable "api_throttling_rate_limit" {
  type        = number
  description = "Steady-state requests per second of the API stage."
  default     = 20
}

variable "api_throttling_burst_limit" {
  type        = number
  description = "Burst requests of the API stage."
  default     = 40
}

variable "extra_cors_origins" {
  type        = list(string)
  description = "More CORS origins besides the site (dev only, e.g. http://localhost:8080)."
  default     = []
}

variable "cognito_domain_prefix" {
  type        = string
  description = "Globally unique prefix of the Cognito hosted sign-in domain."
}

variable "user_pool_deletion_protection" {
  type        = bool
  description = "Protect the user pool from deletion."
  default     = false
}

variable "web_instance_type" {
  type        = string
  description = "Instance type of the web instances (arm64, matching the AL2023 arm64 AMI)."
  default     = "t4g.micro"
}

variable "web_min_size" {
  type        = number
  description = "Minimum web instances."
  default     = 1
}

variable "web_max_size" {
  type        = number
  description = "Maximum web instances."
  default     = 2
}

variable "web_desired_capacity" {
  type        = number
  description = "Initial web instances."
  default     = 1
}

variable "alb_deletion_protection" {
  type        = bool
  description = "Protect the load balancer from deletion."
  default     = false
}

variable "repository_id" {
  type        = string
  description = "Source repository (owner/name) the pipeline builds."
}

variable "branch" {
  type        = string
  description = "Branch the pipeline follows."
  default     = "main"
}

variable "connection_arn" {
  type        = string
  description = "Existing CodeConnections connection ARN, or null to create one (finish the handshake in the console)."
  default     = null
}

variable "run_localstack_tests" {
  type        = bool
  description = "Run the LocalStack suite in CodeBuild (privileged Docker)."
  default     = true
}

variable "catalog_source" {
  type        = string
  description = "S3 folder under s3://<artifact_bucket>/catalog/ with your own movies.csv and links.csv (MovieLens format), imported on every release; null imports the repository's MovieLens sample, uploaded by the pipeline."
  default     = null
}

variable "require_manual_approval" {
  type        = bool
  description = "Stop for approval before migrating and deploying."
  default     = false
}

variable "alert_email" {
  type        = string
  description = "E-mail address subscribed to the alerts topic, or null (AWS e-mails a confirmation link that must be clicked)."
  default     = null
}

variable "log_retention_days" {
  type        = number
  description = "Retention of every CloudWatch log group of the environment."
  default     = 14
}
