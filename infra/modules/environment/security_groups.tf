resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "${local.name} load balancer: HTTPS from the internet, to the service only"
  vpc_id      = var.vpc_id
  tags        = merge(local.tags, { Name = "${local.name}-alb" })
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  for_each = toset(var.ingress_cidr_blocks)

  security_group_id = aws_security_group.alb.id
  description       = "HTTPS (production listener)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_ingress_rule" "alb_test" {
  for_each = toset(var.test_listener_cidr_blocks)

  security_group_id = aws_security_group.alb.id
  description       = "HTTPS (test listener: the new revision before users see it)"
  ip_protocol       = "tcp"
  from_port         = var.test_listener_port
  to_port           = var.test_listener_port
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "alb_to_service" {
  security_group_id            = aws_security_group.alb.id
  description                  = "To the service's containers"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = aws_security_group.service.id
}

resource "aws_security_group" "service" {
  name        = "${local.name}-service"
  description = "${local.name} tasks: port ${var.container_port} from the load balancer only"
  vpc_id      = var.vpc_id
  tags        = merge(local.tags, { Name = "${local.name}-service" })
}

resource "aws_vpc_security_group_ingress_rule" "service_from_alb" {
  security_group_id            = aws_security_group.service.id
  description                  = "From the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = aws_security_group.alb.id
}

# Out to ECR, SSM, CloudWatch Logs and the database.
resource "aws_vpc_security_group_egress_rule" "service_out" {
  security_group_id = aws_security_group.service.id
  description       = "ECR, SSM, CloudWatch Logs, the database"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
