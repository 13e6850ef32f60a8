# The module's outputs, one for one: what deploy/environments/dev.json refers to.

output "account_id" {
  description = "AWS account the environment runs in."
  value       = module.environment.account_id
}

output "region" {
  description = "AWS region the environment runs in."
  value       = module.environment.region
}

output "cluster" {
  description = "ECS cluster name."
  value       = module.environment.cluster
}

output "cluster_arn" {
  description = "ECS cluster ARN."
  value       = module.environment.cluster_arn
}

output "service" {
  description = "ECS service name."
  value       = module.environment.service
}

output "task_definition_family" {
  description = "Task-definition family the toolkit registers revisions in."
  value       = module.environment.task_definition_family
}

output "ecr_repository_name" {
  description = "Image repository name."
  value       = module.environment.ecr_repository_name
}

output "ecr_repository_url" {
  description = "Image repository URL (<account>.dkr.ecr.<region>.amazonaws.com/<name>)."
  value       = module.environment.ecr_repository_url
}

output "ecr_repository_arn" {
  description = "Image repository ARN."
  value       = module.environment.ecr_repository_arn
}

output "task_role_arn" {
  description = "Task role ARN (environment file: taskRoleArn)."
  value       = module.environment.task_role_arn
}

output "execution_role_arn" {
  description = "Task execution role ARN (environment file: executionRoleArn)."
  value       = module.environment.execution_role_arn
}

output "infrastructure_role_arn" {
  description = "ECS infrastructure role ARN for blue/green (environment file: loadBalancer.roleArn)."
  value       = module.environment.infrastructure_role_arn
}

output "deploy_role_arn" {
  description = "Role GitHub Actions deploys this environment with (GitHub environment variable AWS_DEPLOY_ROLE_ARN)."
  value       = module.environment.deploy_role_arn
}

output "github_oidc_provider_arn" {
  description = "The account's GitHub OIDC provider."
  value       = module.environment.github_oidc_provider_arn
}

output "log_group" {
  description = "CloudWatch log group of the service (environment file: logGroup)."
  value       = module.environment.log_group
}

output "subnets" {
  description = "Subnets of the tasks (environment file: network.subnets)."
  value       = module.environment.subnets
}

output "security_groups" {
  description = "Security groups of the tasks (environment file: network.securityGroups)."
  value       = module.environment.security_groups
}

output "alb_security_group_id" {
  description = "Security group of the load balancer."
  value       = module.environment.alb_security_group_id
}

output "target_group_arn" {
  description = "Blue target group ARN (environment file: loadBalancer.targetGroupArn)."
  value       = module.environment.target_group_arn
}

output "alternate_target_group_arn" {
  description = "Green target group ARN (environment file: loadBalancer.alternateTargetGroupArn)."
  value       = module.environment.alternate_target_group_arn
}

output "production_listener_rule_arn" {
  description = "Production listener rule ARN (environment file: loadBalancer.productionListenerRuleArn)."
  value       = module.environment.production_listener_rule_arn
}

output "test_listener_rule_arn" {
  description = "Test listener rule ARN (environment file: loadBalancer.testListenerRuleArn)."
  value       = module.environment.test_listener_rule_arn
}

output "container_name" {
  description = "Container name (environment file: loadBalancer.containerName)."
  value       = module.environment.container_name
}

output "container_port" {
  description = "Container port (environment file: loadBalancer.containerPort)."
  value       = module.environment.container_port
}

output "load_balancer_arn" {
  description = "Load balancer ARN."
  value       = module.environment.load_balancer_arn
}

output "load_balancer_dns_name" {
  description = "Load balancer DNS name: point domain_name at it."
  value       = module.environment.load_balancer_dns_name
}

output "secret_parameter_arns" {
  description = "SSM parameter ARN of each secret, by variable name (environment file: secrets). ARNs only, never values."
  value       = module.environment.secret_parameter_arns
}

output "alarm_names" {
  description = "CloudWatch alarms wired into the service's deployment configuration."
  value       = module.environment.alarm_names
}

output "health_url" {
  description = "Health URL behind the production listener (environment file: healthUrl)."
  value       = module.environment.health_url
}

output "test_listener_url" {
  description = "Base URL of the test listener (environment file: loadBalancer.testListenerUrl)."
  value       = module.environment.test_listener_url
}
