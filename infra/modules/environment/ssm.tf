# The secrets' parameters. Terraform creates each with a placeholder and never looks at its value
# again: the real values are put out of band (aws ssm put-parameter --overwrite) and appear in no
# code, state diff or output.
locals {
  ssm_prefix = "/${var.project}/${var.environment}"
}

resource "aws_ssm_parameter" "secret" {
  for_each = toset(var.secret_names)

  name        = "${local.ssm_prefix}/${each.key}"
  description = "${each.key} for ${local.name}; set out of band"
  type        = "SecureString"
  value       = "placeholder-set-out-of-band"

  tags = local.tags

  lifecycle {
    ignore_changes = [value]
  }
}
