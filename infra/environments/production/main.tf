# production: Deploys from main after approval; blue/green with a bake time.
# The values below are this environment's; deploy/environments/production.json held them before.
module "environment" {
  source = "../../modules/environment"

  environment = "production"

  # dev creates what exists once per account (the image repository, the GitHub OIDC provider);
  # this root looks them up. In an account of its own, set both to true.
  create_ecr_repository       = false
  create_github_oidc_provider = false

  # The repository whose jobs in the GitHub environment "production" may deploy. Until set, the deploy
  # role's trust matches no repository ("<owner>" is not a valid GitHub name).
  github_owner      = "<owner>"
  github_repository = "autopr-deploy"

  vpc_id         = "vpc-0a1b2c3d4e5f60001"
  alb_subnet_ids = ["subnet-0a1b2c3d4e5f60101", "subnet-0a1b2c3d4e5f60102"]
  # Production spans two availability zones: one private subnet in each (eu-west-1a, eu-west-1b).
  service_subnet_ids = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  certificate_arn    = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"
  domain_name        = "autopr.example.com"
  test_listener_port = 8443

  cpu                               = 1024
  memory                            = 2048
  desired_count                     = 3
  log_level                         = "Warning"
  environment_variables             = { ASPNETCORE_FORWARDEDHEADERS_ENABLED = "true" }
  secret_names                      = ["DATABASE_URL", "GITHUB_TOKEN"]
  health_check_grace_period_seconds = 60

  deployment_strategy = "BLUE_GREEN"
  bake_time_minutes   = 15

  max_error_rate     = 0.01
  max_p99_latency_ms = 800
}
