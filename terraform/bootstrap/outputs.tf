output "state_bucket" {
  description = "Bucket for the environments' state (backend.hcl: bucket)."
  value       = aws_s3_bucket.this["tfstate"].bucket
}

output "artifact_bucket" {
  description = "Bucket of the function jars (tfvars: artifact_bucket)."
  value       = aws_s3_bucket.this["artifacts"].bucket
}
