variable "name" {
  type        = string
  description = "Name prefix for every resource, e.g. movie-ratings-dev."
}

variable "artifact_bucket" {
  type        = string
  description = "S3 bucket holding the shaded function jars. Terraform creates the functions from these objects once; afterwards the pipeline owns the code."
}

variable "artifact_keys" {
  type        = map(string)
  description = "S3 keys of the initial jars, by artifact: command-api, query-api, projection-worker, ops-cli."

  validation {
    condition     = length(setsubtract(["command-api", "query-api", "projection-worker", "ops-cli"], keys(var.artifact_keys))) == 0
    error_message = "artifact_keys needs command-api, query-api, projection-worker and ops-cli."
  }
}

variable "architecture" {
  type        = string
  description = "Instruction set of the functions: arm64 (cheaper) or x86_64."
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "vpc_id" {
  type        = string
  description = "ID of the VPC the functions run in."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnet IDs for the functions' network interfaces."
}

variable "endpoint_security_group_id" {
  type        = string
  description = "Security group of the interface VPC endpoints (SQS, EventBridge, Secrets Manager, Logs, Lambda); the functions get egress 443 to it and nothing else outside the database."
}

variable "database_proxy_security_group_id" {
  type        = string
  description = "Security group of RDS Proxy; this module adds ingress from each function."
}

variable "database_port" {
  type        = number
  description = "PostgreSQL port on RDS Proxy."
  default     = 5432
}

variable "datasource_url" {
  type        = string
  description = "JDBC URL through RDS Proxy (SPRING_DATASOURCE_URL)."
}

variable "database_secret_arns" {
  type        = map(string)
  description = "Secret (JSON username/password) of each function's own PostgreSQL role, by function key (DATABASE_SECRET_ARN)."

  validation {
    condition     = length(setsubtract(["command", "relay", "query", "projector", "ops"], keys(var.database_secret_arns))) == 0
    error_message = "database_secret_arns needs a secret for command, relay, query, projector and ops."
  }
}

variable "database_secret_kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key of the database secret, or null for the AWS-managed key."
  default     = null
}

variable "event_bus_name" {
  type        = string
  description = "Name of the custom EventBridge bus (EVENT_BUS_NAME)."
}

variable "event_bus_arn" {
  type        = string
  description = "ARN of the custom EventBridge bus the command side publishes to."
}

variable "rating_events_source" {
  type        = string
  description = "Event source of the rating events (RATING_EVENTS_SOURCE); PutEvents is allowed only with this source."
  default     = "movie-ratings.command-api"
}

variable "projection_queue_arn" {
  type        = string
  description = "ARN of the SQS queue the projector consumes."
}

variable "projection_queue_url" {
  type        = string
  description = "URL of the projection queue (the ops function redrives the DLQ into it)."
}

variable "projection_dlq_arn" {
  type        = string
  description = "ARN of the projection queue's dead-letter queue."
}

variable "projection_dlq_url" {
  type        = string
  description = "URL of the projection queue's dead-letter queue."
}

variable "weighted_rating_min_votes" {
  type        = number
  description = "m in the weighted rating WR = v/(v+m)*R + m/(v+m)*C (WEIGHTED_RATING_MIN_VOTES)."
  default     = 50
}

variable "min_ratings_for_average" {
  type        = number
  description = "Fewest ratings a movie needs before the API shows its plain average (MIN_RATINGS_FOR_AVERAGE)."
  default     = 3

  validation {
    condition     = var.min_ratings_for_average >= 1
    error_message = "min_ratings_for_average must be at least 1."
  }
}

variable "memory_size_mb" {
  type        = map(number)
  description = "Memory per function (command, query, projector, relay, ops); missing keys use the function's default in main.tf (1024 MB; relay 512, ops 2048)."
  default     = {}
}

variable "api_timeout_seconds" {
  type        = number
  description = "Timeout of the command and query functions (API Gateway gives up after 30 s)."
  default     = 15
}

variable "projector_timeout_seconds" {
  type        = number
  description = "Timeout of the projector; the queue's visibility timeout is derived from it (>= 6x)."
  default     = 60
}

variable "relay_reserved_concurrency" {
  type        = number
  description = "Reserved concurrency of the outbox relay (-1: unreserved). Overlapping runs are safe (rows are claimed with FOR UPDATE SKIP LOCKED); Lambda refuses any reservation in an account still at the new-account concurrency quota."
  default     = -1
}

variable "projector_reserved_concurrency" {
  type        = number
  description = "Reserved concurrency of the projector (-1: unreserved). Bounds the connections it opens."
  default     = -1
}

variable "similar_movies_refresh_schedule" {
  type        = string
  description = "Schedule expression of the similar movies refresh (how stale a similar-movies list may get)."
  default     = "rate(1 minute)"
}

variable "outbox_relay_schedule" {
  type        = string
  description = "Schedule expression of the outbox relay."
  default     = "rate(1 minute)"
}

variable "outbox_relay_enabled" {
  type        = bool
  description = "Whether the outbox relay schedule is enabled."
  default     = true
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the functions' log groups."
  default     = 30
}

variable "deployment_config_name" {
  type        = string
  description = "CodeDeploy configuration that shifts alias traffic, e.g. CodeDeployDefault.LambdaCanary10Percent5Minutes (prod) or CodeDeployDefault.LambdaAllAtOnce (dev)."
  default     = "CodeDeployDefault.LambdaCanary10Percent5Minutes"
}

variable "extra_rollback_alarm_names" {
  type        = map(list(string))
  description = "More CloudWatch alarms (by function key) that roll a deployment back, e.g. the projection DLQ alarm for the projector."
  default     = {}
}

variable "alarm_actions" {
  type        = list(string)
  description = "SNS topic ARNs notified when a function alarm fires."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of this module."
  default     = {}
}

variable "s3_prefix_list_id" {
  type        = string
  description = "Prefix list of the S3 gateway endpoint: the ops function reaches S3 (catalog files) on 443 through it."
}

variable "catalog_prefix" {
  type        = string
  description = "Key prefix in artifact_bucket the ops function may read catalog files from (import s3://<artifact_bucket>/<prefix>...)."
  default     = "catalog/"
}
