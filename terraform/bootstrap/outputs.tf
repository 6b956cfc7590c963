output "state_bucket" {
  description = "Bucket for the environments' state (terraform init -backend-config=bucket=<this>)."
  value       = aws_s3_bucket.this["tfstate"].bucket
}

output "artifact_bucket" {
  description = "Bucket of the function jars (live/<env>.tfvars: artifact_bucket)."
  value       = aws_s3_bucket.this["artifacts"].bucket
}
