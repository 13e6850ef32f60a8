# ---- Identity ---------------------------------------------------------------------------------

variable "environment" {
  description = "Environment name: dev, staging or production. Names resources and scopes the secrets (/<project>/<environment>/*)."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be dev, staging or production."
  }
}

variable "project" {
  description = "Prefix of every resource name (<project>-<environment>) and of the SSM parameter path."
  type        = string
  default     = "autopr"
}

variable "service_name" {
  description = "ECS service name; the task-definition family is <service_name>-<environment>."
  type        = string
  default     = "autopr"
}

variable "tags" {
  description = "Tags on every resource, in addition to project, environment and managed-by."
  type        = map(string)
  default     = {}
}

# ---- Network ----------------------------------------------------------------------------------

variable "vpc_id" {
  description = "VPC the load balancer, target groups and tasks live in."
  type        = string
}

variable "alb_subnet_ids" {
  description = "Public subnets of the load balancer, in at least two availability zones."
  type        = list(string)

  validation {
    condition     = length(var.alb_subnet_ids) >= 2
    error_message = "An application load balancer needs subnets in at least two availability zones."
  }
}

variable "service_subnet_ids" {
  description = "Private subnets of the tasks; production needs at least two (availability zones)."
  type        = list(string)

  validation {
    condition     = length(var.service_subnet_ids) >= 1 && (var.environment != "production" || length(var.service_subnet_ids) >= 2)
    error_message = "The service needs a subnet; production needs subnets in at least two availability zones."
  }
}

variable "ingress_cidr_blocks" {
  description = "Who may reach the production listener (443)."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "test_listener_cidr_blocks" {
  description = "Who may reach the test listener, which serves a new revision before users see it; narrow it to your offices or runners if you can."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

# ---- Load balancer ----------------------------------------------------------------------------

variable "certificate_arn" {
  description = "ACM certificate of both HTTPS listeners."
  type        = string
}

variable "ssl_policy" {
  description = "TLS policy of both HTTPS listeners."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "test_listener_port" {
  description = "Port of the test listener (test traffic to the new revision during blue/green, canary and linear)."
  type        = number
  default     = 8443
}

variable "domain_name" {
  description = "Host name users reach the service at (the DNS record pointing at the load balancer is yours to create); used for the URL outputs."
  type        = string
}

variable "health_check_path" {
  description = "Target-group health check: the service's readiness endpoint."
  type        = string
  default     = "/health/ready"
}

# ---- Container and task -----------------------------------------------------------------------

variable "container_name" {
  description = "Name of the service's container in the task definition."
  type        = string
  default     = "autopr"
}

variable "container_port" {
  description = "Port the container listens on."
  type        = number
  default     = 8000
}

variable "cpu" {
  description = "Task CPU units (Fargate sizes: 256, 512, 1024, ...)."
  type        = number
}

variable "memory" {
  description = "Task memory in MiB."
  type        = number
}

variable "desired_count" {
  description = "Tasks the service starts with. After creation the toolkit sets it (from the environment file); Terraform ignores it."
  type        = number
}

variable "log_level" {
  description = "LOG_LEVEL of the first task definition."
  type        = string
}

variable "environment_variables" {
  description = "Further environment variables of the first task definition (ENVIRONMENT and LOG_LEVEL are set from the variables above)."
  type        = map(string)
  default     = {}
}

variable "secret_names" {
  description = "Names of the secrets: one SecureString parameter /<project>/<environment>/<name> each, given to the container as a variable of the same name."
  type        = list(string)
}

variable "initial_image" {
  description = "Image of the first task definition; null means <repository>:initial. The first DeployEcs replaces it."
  type        = string
  default     = null
}

variable "log_retention_days" {
  description = "Retention of the service's log group."
  type        = number
  default     = 30
}

variable "container_insights" {
  description = "Enable CloudWatch Container Insights on the cluster."
  type        = bool
  default     = true
}

# ---- ECR --------------------------------------------------------------------------------------

variable "create_ecr_repository" {
  description = "Whether this root creates the image repository (exactly one root per account does; the others look it up by name)."
  type        = bool
}

variable "ecr_repository_name" {
  description = "Image repository name."
  type        = string
  default     = "autopr"
}

variable "ecr_image_tag_mutability" {
  description = "MUTABLE or IMMUTABLE."
  type        = string
  default     = "IMMUTABLE"
}

variable "ecr_scan_on_push" {
  description = "Scan images when pushed."
  type        = bool
  default     = true
}

# ---- Deployment -------------------------------------------------------------------------------

variable "deployment_strategy" {
  description = "ECS deployment strategy: ROLLING, BLUE_GREEN, CANARY or LINEAR."
  type        = string

  validation {
    condition     = contains(["ROLLING", "BLUE_GREEN", "CANARY", "LINEAR"], var.deployment_strategy)
    error_message = "deployment_strategy must be ROLLING, BLUE_GREEN, CANARY or LINEAR."
  }
}

variable "bake_time_minutes" {
  description = "Minutes the new revision serves all traffic before the old one is stopped (blue/green, canary, linear)."
  type        = number
  default     = 0
}

variable "canary_percent" {
  description = "Share of production traffic the canary gets (CANARY)."
  type        = number
  default     = 10
}

variable "canary_bake_time_minutes" {
  description = "Minutes the canary runs before the rest of the traffic moves (CANARY)."
  type        = number
  default     = 5
}

variable "linear_step_percent" {
  description = "Traffic moved per step (LINEAR)."
  type        = number
  default     = 10
}

variable "linear_step_bake_time_minutes" {
  description = "Minutes between steps (LINEAR)."
  type        = number
  default     = 1
}

variable "deployment_minimum_healthy_percent" {
  description = "Lower limit of running tasks during a deployment, in percent of the desired count."
  type        = number
  default     = 100
}

variable "deployment_maximum_percent" {
  description = "Upper limit of running tasks during a deployment, in percent of the desired count."
  type        = number
  default     = 200
}

variable "health_check_grace_period_seconds" {
  description = "Seconds ECS ignores failing load-balancer health checks of a new task."
  type        = number
}

# ---- Alarms -----------------------------------------------------------------------------------

variable "max_error_rate" {
  description = "Share of target 5xx responses (0..1) above which the deployment alarm fires."
  type        = number
}

variable "max_p99_latency_ms" {
  description = "p99 target response time in milliseconds above which the deployment alarm fires."
  type        = number
}

variable "alarm_evaluation_periods" {
  description = "One-minute periods each alarm looks at."
  type        = number
  default     = 3
}

variable "alarm_datapoints_to_alarm" {
  description = "Breaching periods among them that fire the alarm."
  type        = number
  default     = 2
}

# ---- GitHub -----------------------------------------------------------------------------------

variable "create_github_oidc_provider" {
  description = "Whether this root creates the account's GitHub OIDC provider (exactly one root per account does; the others look it up)."
  type        = bool
}

variable "github_owner" {
  description = "GitHub owner (user or organization) of the repository that deploys."
  type        = string
}

variable "github_repository" {
  description = "GitHub repository name that deploys; its jobs in the GitHub environment named like this environment may assume the deploy role."
  type        = string
}
