# Everything an environment file (deploy/environments/<env>.json) needs, by the file's own names
# where there is one. No output carries a secret: the parameters appear as ARNs only.

output "account_id" {
  description = "AWS account the environment runs in."
  value       = local.account_id
}

output "region" {
  description = "AWS region the environment runs in."
  value       = local.region
}

output "cluster" {
  description = "ECS cluster name."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ECS cluster ARN."
  value       = aws_ecs_cluster.this.arn
}

output "service" {
  description = "ECS service name."
  value       = module.service.name
}

output "task_definition_family" {
  description = "Task-definition family the toolkit registers revisions in."
  value       = local.family
}

output "ecr_repository_name" {
  description = "Image repository name."
  value       = var.ecr_repository_name
}

output "ecr_repository_url" {
  description = "Image repository URL (<account>.dkr.ecr.<region>.amazonaws.com/<name>)."
  value       = local.ecr_repository_url
}

output "ecr_repository_arn" {
  description = "Image repository ARN."
  value       = local.ecr_repository_arn
}

output "task_role_arn" {
  description = "Task role ARN (environment file: taskRoleArn)."
  value       = aws_iam_role.task.arn
}

output "execution_role_arn" {
  description = "Task execution role ARN (environment file: executionRoleArn)."
  value       = aws_iam_role.task_execution.arn
}

output "infrastructure_role_arn" {
  description = "ECS infrastructure role ARN for blue/green (environment file: loadBalancer.roleArn)."
  value       = aws_iam_role.ecs_infrastructure.arn
}

output "deploy_role_arn" {
  description = "Role GitHub Actions deploys this environment with (GitHub environment variable AWS_DEPLOY_ROLE_ARN)."
  value       = aws_iam_role.deploy.arn
}

output "github_oidc_provider_arn" {
  description = "The account's GitHub OIDC provider."
  value       = local.github_oidc_provider_arn
}

output "log_group" {
  description = "CloudWatch log group of the service (environment file: logGroup)."
  value       = aws_cloudwatch_log_group.service.name
}

output "subnets" {
  description = "Subnets of the tasks (environment file: network.subnets)."
  value       = var.service_subnet_ids
}

output "security_groups" {
  description = "Security groups of the tasks (environment file: network.securityGroups)."
  value       = [aws_security_group.service.id]
}

output "alb_security_group_id" {
  description = "Security group of the load balancer."
  value       = aws_security_group.alb.id
}

output "target_group_arn" {
  description = "Blue target group ARN (environment file: loadBalancer.targetGroupArn)."
  value       = aws_lb_target_group.this["blue"].arn
}

output "alternate_target_group_arn" {
  description = "Green target group ARN (environment file: loadBalancer.alternateTargetGroupArn)."
  value       = aws_lb_target_group.this["green"].arn
}

output "production_listener_rule_arn" {
  description = "Production listener rule ARN (environment file: loadBalancer.productionListenerRuleArn)."
  value       = aws_lb_listener_rule.production.arn
}

output "test_listener_rule_arn" {
  description = "Test listener rule ARN (environment file: loadBalancer.testListenerRuleArn)."
  value       = aws_lb_listener_rule.test.arn
}

output "container_name" {
  description = "Container name (environment file: loadBalancer.containerName)."
  value       = var.container_name
}

output "container_port" {
  description = "Container port (environment file: loadBalancer.containerPort)."
  value       = var.container_port
}

output "load_balancer_arn" {
  description = "Load balancer ARN."
  value       = aws_lb.this.arn
}

output "load_balancer_dns_name" {
  description = "Load balancer DNS name: point domain_name at it."
  value       = aws_lb.this.dns_name
}

output "secret_parameter_arns" {
  description = "SSM parameter ARN of each secret, by variable name (environment file: secrets). ARNs only, never values."
  value       = { for name, parameter in aws_ssm_parameter.secret : name => parameter.arn }
}

output "alarm_names" {
  description = "CloudWatch alarms wired into the service's deployment configuration."
  value       = [aws_cloudwatch_metric_alarm.target_5xx_rate.alarm_name, aws_cloudwatch_metric_alarm.p99_latency.alarm_name]
}

output "health_url" {
  description = "Health URL behind the production listener (environment file: healthUrl)."
  value       = "https://${var.domain_name}/health"
}

output "test_listener_url" {
  description = "Base URL of the test listener (environment file: loadBalancer.testListenerUrl)."
  value       = "https://${var.domain_name}:${var.test_listener_port}"
}
