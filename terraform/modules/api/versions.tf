terraform {
  required_version = ">= 1.10.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0, < 7.0"
      # AWS WAF web ACLs for CloudFront live in us-east-1
      configuration_aliases = [aws.us_east_1]
    }
  }
}
