terraform {
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # Partial configuration: `terraform init -backend-config=backend.hcl` (see backend.hcl.example).
  # State locking uses S3 native lock files (use_lockfile), no DynamoDB table.
  backend "s3" {}
}
