# prod: Multi-AZ, three AZs, protected from deletion, canary deployments, manual approval.
# terraform apply -var-file=prod.tfvars
# The lines under "Account" name things of your own account and domain: replace them before applying.
environment = "prod"
region      = "eu-west-1"

# Account
domain_name     = "movieratings.example.com"
route53_zone_id = "Z0123456789EXAMPLE"
artifact_bucket = "movie-ratings-artifacts-123456789012-eu-west-1"
artifact_keys = {
  command-api       = "bootstrap/command-api-aws.jar"
  query-api         = "bootstrap/query-api-aws.jar"
  projection-worker = "bootstrap/projection-worker-aws.jar"
  ops-cli           = "bootstrap/ops-cli-aws.jar"
}
cognito_domain_prefix = "movie-ratings-example"
repository_id         = "example-org/movie-ratings"
branch                = "main"
alert_email           = "ops@example.com"

# Network
vpc_cidr_block          = "10.30.0.0/16"
availability_zone_count = 3
single_nat_gateway      = false

# Database
db_instance_class           = "db.m7g.large"
db_allocated_storage_gb     = 50
db_max_allocated_storage_gb = 500
db_multi_az                 = true
db_backup_retention_days    = 14
db_deletion_protection      = true
db_skip_final_snapshot      = false
analyst_tunnel              = true

# Functions and API
projector_maximum_concurrency = 20
lambda_deployment_config_name = "CodeDeployDefault.LambdaCanary10Percent5Minutes"
api_throttling_rate_limit     = 200
api_throttling_burst_limit    = 400
user_pool_deletion_protection = true

# Site
web_instance_type       = "t4g.micro"
web_min_size            = 2
web_max_size            = 6
web_desired_capacity    = 2
alb_deletion_protection = true

# Pipeline and logs
# The catalog step imports the repository's MovieLens sample; for your own catalog, put movies.csv and
# links.csv in a folder under s3://<artifact_bucket>/catalog/ and name it: catalog_source = "s3://.../"
require_manual_approval = true
log_retention_days      = 90
