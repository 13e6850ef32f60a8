# dev: Every push to a feature branch deploys here.
# The values below are this environment's; deploy/environments/dev.json held them before.
module "environment" {
  source = "../../modules/environment"

  environment = "dev"

  # This root creates what exists once per account (the image repository and the GitHub OIDC
  # provider); staging and production look them up, so apply dev first.
  create_ecr_repository       = true
  create_github_oidc_provider = true

  # The repository whose jobs in the GitHub environment "dev" may deploy. Until set, the deploy
  # role's trust matches no repository ("<owner>" is not a valid GitHub name).
  github_owner      = "<owner>"
  github_repository = "autopr-deploy"

  vpc_id             = "vpc-0a1b2c3d4e5f60001"
  alb_subnet_ids     = ["subnet-0a1b2c3d4e5f60101", "subnet-0a1b2c3d4e5f60102"]
  service_subnet_ids = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  certificate_arn    = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"
  domain_name        = "dev.autopr.example.com"
  test_listener_port = 8443

  cpu                               = 256
  memory                            = 512
  desired_count                     = 1
  log_level                         = "Debug"
  environment_variables             = { ASPNETCORE_FORWARDEDHEADERS_ENABLED = "true" }
  secret_names                      = ["DATABASE_URL", "GITHUB_TOKEN"]
  health_check_grace_period_seconds = 30

  deployment_strategy = "ROLLING"
  bake_time_minutes   = 0

  max_error_rate     = 0.05
  max_p99_latency_ms = 2000
}
