terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.28"
    }
  }

  # State in S3, locked with a lock file next to it (use_lockfile, S3-native locking since
  # terraform 1.10): no DynamoDB lock table to create, pay for and keep in step. The bucket is
  # created once, before the first init (README: "From an empty account").
  backend "s3" {
    bucket       = "autopr-terraform-state-123456789012"
    key          = "autopr/staging/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["123456789012"]
}
