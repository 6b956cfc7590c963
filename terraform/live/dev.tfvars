# dev: small, cheap, disposable. terraform apply -var-file=dev.tfvars
# The lines under "Account" name things of your own account and domain: replace them before applying.
environment = "dev"
region      = "eu-west-1"

# Account
domain_name     = "dev.movieratings.example.com"
route53_zone_id = "Z0123456789EXAMPLE"
artifact_bucket = "movie-ratings-artifacts-123456789012-eu-west-1"
artifact_keys = {
  command-api       = "bootstrap/command-api-aws.jar"
  query-api         = "bootstrap/query-api-aws.jar"
  projection-worker = "bootstrap/projection-worker-aws.jar"
  ops-cli           = "bootstrap/ops-cli-aws.jar"
}
cognito_domain_prefix = "movie-ratings-dev-example"
repository_id         = "example-org/movie-ratings"
branch                = "main"
alert_email           = "ops@example.com"
extra_cors_origins    = ["http://localhost:8080"]

# Network
vpc_cidr_block          = "10.20.0.0/16"
availability_zone_count = 2
single_nat_gateway      = true

# Database
db_instance_class           = "db.t4g.micro"
db_allocated_storage_gb     = 20
db_max_allocated_storage_gb = 50
db_multi_az                 = false
db_backup_retention_days    = 3
db_deletion_protection      = false
db_skip_final_snapshot      = true

# Functions and API
projector_maximum_concurrency = 5
lambda_deployment_config_name = "CodeDeployDefault.LambdaAllAtOnce"
api_throttling_rate_limit     = 20
api_throttling_burst_limit    = 40
user_pool_deletion_protection = false

# Site
web_instance_type       = "t4g.micro"
web_min_size            = 1
web_max_size            = 2
web_desired_capacity    = 1
alb_deletion_protection = false

# Pipeline and logs
# The catalog step imports the repository's MovieLens sample; for your own catalog, put movies.csv and
# links.csv in a folder under s3://<artifact_bucket>/catalog/ and name it: catalog_source = "s3://.../"
require_manual_approval = false
log_retention_days      = 14
