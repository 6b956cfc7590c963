variable "region" {
  type        = string
  description = "AWS region of the state and artifact buckets (the environments' region)."
  default     = "eu-west-1"
}

variable "noncurrent_version_retention_days" {
  type        = number
  description = "Days old versions of state files and jars are kept."
  default     = 90
}
