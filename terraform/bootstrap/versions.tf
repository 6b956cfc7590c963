terraform {
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # Local state on purpose: this root creates the bucket every other state lives in.
  # Keep terraform.tfstate of this folder safe (or migrate it into the new bucket afterwards).
}
