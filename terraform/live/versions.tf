terraform {
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # Partial configuration, one file per environment plus the account's state bucket:
  #   terraform init -backend-config=dev.s3.tfbackend -backend-config="bucket=<bootstrap state_bucket>"
  # State locking uses S3 native lock files (use_lockfile), no DynamoDB table.
  backend "s3" {}
}
