# The ECS service. Terraform creates it with a first task definition and from then on leaves the
# task definition (and the load balancer block) to the toolkit: DeployEcs registers the revisions
# (ignore_task_definition_changes = true), the split ecspresso users follow.

locals {
  # Blue/green, canary and linear move traffic between the two target groups through the listener
  # rules; a rolling deployment serves from blue only.
  shifts_traffic = var.deployment_strategy != "ROLLING"

  container_environment = [
    for name, value in merge(var.environment_variables, {
      ENVIRONMENT = var.environment
      LOG_LEVEL   = var.log_level
    }) : { name = name, value = value }
  ]

  container_secrets = [
    for name, parameter in aws_ssm_parameter.secret : { name = name, valueFrom = parameter.arn }
  ]
}

module "service" {
  source  = "terraform-aws-modules/ecs/aws//modules/service"
  version = "~> 6.12"

  name        = var.service_name
  cluster_arn = aws_ecs_cluster.this.arn
  tags        = local.tags

  # The toolkit owns task-definition revisions (and the service's load balancer block with them).
  ignore_task_definition_changes = true

  desired_count                      = var.desired_count
  deployment_minimum_healthy_percent = var.deployment_minimum_healthy_percent
  deployment_maximum_percent         = var.deployment_maximum_percent
  health_check_grace_period_seconds  = var.health_check_grace_period_seconds

  deployment_configuration = {
    strategy             = var.deployment_strategy
    bake_time_in_minutes = local.shifts_traffic ? tostring(var.bake_time_minutes) : null
    canary_configuration = var.deployment_strategy == "CANARY" ? {
      canary_percent              = tostring(var.canary_percent)
      canary_bake_time_in_minutes = tostring(var.canary_bake_time_minutes)
    } : null
    linear_configuration = var.deployment_strategy == "LINEAR" ? {
      step_percent              = tostring(var.linear_step_percent)
      step_bake_time_in_minutes = tostring(var.linear_step_bake_time_minutes)
    } : null
  }

  deployment_circuit_breaker = {
    enable   = true
    rollback = true
  }

  alarms = {
    alarm_names = [
      aws_cloudwatch_metric_alarm.target_5xx_rate.alarm_name,
      aws_cloudwatch_metric_alarm.p99_latency.alarm_name,
    ]
    enable   = true
    rollback = true
  }

  load_balancer = {
    service = {
      container_name   = var.container_name
      container_port   = var.container_port
      target_group_arn = aws_lb_target_group.this["blue"].arn
      advanced_configuration = local.shifts_traffic ? {
        alternate_target_group_arn = aws_lb_target_group.this["green"].arn
        production_listener_rule   = aws_lb_listener_rule.production.arn
        test_listener_rule         = aws_lb_listener_rule.test.arn
        role_arn                   = aws_iam_role.ecs_infrastructure.arn
      } : null
    }
  }

  subnet_ids            = var.service_subnet_ids
  security_group_ids    = [aws_security_group.service.id]
  create_security_group = false
  assign_public_ip      = false

  # The first task definition; later revisions come from deploy/task-definition.json.
  family = local.family
  cpu    = var.cpu
  memory = var.memory

  create_task_exec_iam_role      = false
  task_exec_iam_role_arn         = aws_iam_role.task_execution.arn
  create_tasks_iam_role          = false
  tasks_iam_role_arn             = aws_iam_role.task.arn
  create_infrastructure_iam_role = false

  container_definitions = {
    (var.container_name) = {
      image     = coalesce(var.initial_image, "${local.ecr_repository_url}:initial")
      essential = true
      portMappings = [{
        name          = "http"
        containerPort = var.container_port
        protocol      = "tcp"
        appProtocol   = "http"
      }]
      environment            = local.container_environment
      secrets                = local.container_secrets
      readonlyRootFilesystem = false

      enable_cloudwatch_logging   = true
      create_cloudwatch_log_group = false
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = aws_cloudwatch_log_group.service.name
          awslogs-region        = local.region
          awslogs-stream-prefix = var.service_name
        }
      }
    }
  }

  depends_on = [aws_iam_role_policy_attachment.ecs_infrastructure]
}
