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

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  name       = "${var.project}-${var.environment}"
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.region

  # The task-definition family the toolkit registers revisions in: "<service>-<environment>".
  family = "${var.service_name}-${var.environment}"

  tags = merge(var.tags, {
    project     = var.project
    environment = var.environment
    managed-by  = "terraform"
  })
}
