variable "name" {
  type        = string
  description = "Name prefix for every resource, e.g. movie-ratings-dev."
}

variable "repository_id" {
  type        = string
  description = "Source repository as owner/name on the connection's provider (GitHub, GitLab, Bitbucket)."
}

variable "branch" {
  type        = string
  description = "Branch whose pushes run the pipeline."
  default     = "main"
}

variable "connection_arn" {
  type        = string
  description = "Existing CodeConnections (CodeStar) connection to the repository host, or null to create a GitHub connection (finish its handshake once in the console)."
  default     = null
}

variable "artifact_bucket" {
  type        = string
  description = "Bucket of the function jars (the one Terraform created the functions from); the pipeline uploads each build's jars here."
}

variable "vpc_id" {
  type        = string
  description = "VPC the migration job runs in."
}

variable "private_subnet_ids" {
  type        = list(string)
  description = "Private subnets (with NAT) for the migration job."
}

variable "database_proxy_security_group_id" {
  type        = string
  description = "Security group of RDS Proxy; this module adds ingress from the migration job."
}

variable "database_port" {
  type        = number
  description = "PostgreSQL port on RDS Proxy."
  default     = 5432
}

variable "datasource_url" {
  type        = string
  description = "JDBC URL the migration job connects to (SPRING_DATASOURCE_URL)."
}

variable "database_secret_arn" {
  type        = string
  description = "Secrets Manager secret with JSON keys username/password; CodeBuild injects them as SPRING_DATASOURCE_USERNAME/PASSWORD."
}

variable "database_role_secret_arns" {
  type        = map(string)
  description = "Secret of each PostgreSQL role by key (owner, command, ...); the migration job creates the roles and sets their passwords from these (DATABASE_ROLE_SECRETS_<KEY>)."
}

variable "database_secret_kms_key_arn" {
  type        = string
  description = "Customer-managed KMS key of the database secret, or null for the AWS-managed key."
  default     = null
}

variable "lambda_codedeploy_app_name" {
  type        = string
  description = "CodeDeploy application (Lambda) that shifts the functions' live aliases."
}

variable "lambda_deployments" {
  type = map(object({
    function_name         = string
    function_arn          = string
    artifact              = string
    deployment_group_name = string
  }))
  description = "Functions the pipeline deploys, by key: name, ARN, artifact (command-api, query-api, projection-worker, ops-cli) and CodeDeploy deployment group."

  validation {
    condition     = alltrue([for d in values(var.lambda_deployments) : contains(["command-api", "query-api", "projection-worker", "ops-cli"], d.artifact)])
    error_message = "artifact must be one of command-api, query-api, projection-worker, ops-cli."
  }
}

variable "frontend_codedeploy_app_name" {
  type        = string
  description = "CodeDeploy application (Server) of the site."
}

variable "frontend_deployment_group_name" {
  type        = string
  description = "CodeDeploy deployment group of the web instances."
}

variable "catalog_import" {
  type = object({
    function_name = string
    alias_name    = string
    alias_arn     = string
  })
  description = "The ops function the catalog step invokes: its name, the alias that takes traffic, and that alias's ARN (the step's role may invoke exactly this)."
}

variable "catalog_prefix" {
  type        = string
  description = "Key prefix in artifact_bucket the ops function may read catalog files from (the functions module's catalog_prefix)."
  default     = "catalog/"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()-][A-Za-z0-9!_.*'()/-]*/$", var.catalog_prefix))
    error_message = "catalog_prefix must be an S3 key prefix ending in /, e.g. catalog/."
  }
}

variable "catalog_source" {
  type        = string
  description = "S3 folder (s3://<artifact_bucket>/<catalog_prefix>.../) holding movies.csv and links.csv that an operator maintains; the catalog step imports it on every release. null: the step uploads the repository's MovieLens files (data/movielens-ml-latest-small, with their README) to s3://<artifact_bucket>/<catalog_prefix>movielens/ and imports those."
  default     = null

  validation {
    condition     = var.catalog_source == null ? true : startswith(var.catalog_source, "s3://${var.artifact_bucket}/${var.catalog_prefix}") && endswith(var.catalog_source, "/")
    error_message = "catalog_source must be a folder (ending in /) under s3://<artifact_bucket>/<catalog_prefix>: the ops function may read nothing else."
  }
}

variable "build_compute_type" {
  type        = string
  description = "CodeBuild compute type of the build project (Maven + tests need memory)."
  default     = "BUILD_GENERAL1_MEDIUM"
}

variable "build_image" {
  type        = string
  description = "CodeBuild image; must offer the corretto21 runtime."
  default     = "aws/codebuild/amazonlinux-x86_64-standard:5.0"
}

variable "run_localstack_tests" {
  type        = bool
  description = "Run the Maven -Plocalstack suite in the build (needs Docker: privileged mode)."
  default     = true
}

variable "require_manual_approval" {
  type        = bool
  description = "Stop for a manual approval before migrating and deploying (prod)."
  default     = false
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the CodeBuild logs."
  default     = 30
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of this module."
  default     = {}
}
