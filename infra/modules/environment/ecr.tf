# One repository holds every environment's images (Promote copies a verified image by digest), so
# exactly one root creates it and the others look it up: create_ecr_repository says which.
resource "aws_ecr_repository" "this" {
  count = var.create_ecr_repository ? 1 : 0

  name                 = var.ecr_repository_name
  image_tag_mutability = var.ecr_image_tag_mutability
  force_delete         = false

  image_scanning_configuration {
    scan_on_push = var.ecr_scan_on_push
  }

  encryption_configuration {
    encryption_type = "AES256"
  }

  tags = local.tags
}

data "aws_ecr_repository" "existing" {
  count = var.create_ecr_repository ? 0 : 1

  name = var.ecr_repository_name
}

locals {
  ecr_repository_arn = var.create_ecr_repository ? aws_ecr_repository.this[0].arn : data.aws_ecr_repository.existing[0].arn
  ecr_repository_url = var.create_ecr_repository ? aws_ecr_repository.this[0].repository_url : data.aws_ecr_repository.existing[0].repository_url
}
