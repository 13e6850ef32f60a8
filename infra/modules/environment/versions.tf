terraform {
  # 1.11: S3-native state locking (use_lockfile) in the roots; cross-variable validation (1.9+) here.
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.28 is the floor of the ECS service module v6.12 (deployment strategies, canary and linear).
      version = ">= 6.28, < 7.0"
    }
  }
}
