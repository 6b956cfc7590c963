# The pipeline of one environment, by concern: artifacts.tf (artifact store), builds.tf (build and
# migration projects), deploy.tf (function deployment project), catalog.tf (catalog import project),
# pipeline.tf (CodePipeline), iam.tf (roles and policies). Here: the account facts, the shared names,
# the source connection.

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  region     = data.aws_region.current.region
  account_id = data.aws_caller_identity.current.account_id

  connection_arn = var.connection_arn != null ? var.connection_arn : aws_codestarconnections_connection.this[0].arn

  # Where `./mvnw -B verify` leaves each deployable (shaded jars, classifier aws).
  jar_paths = {
    command-api       = "command-api/target/command-api-aws.jar"
    query-api         = "query-api/target/query-api-aws.jar"
    projection-worker = "projection-worker/target/projection-worker-aws.jar"
    ops-cli           = "ops-cli/target/ops-cli-aws.jar"
  }

  lambda_deployments_json = jsonencode({
    for key, d in var.lambda_deployments : key => {
      functionName    = d.function_name
      jar             = local.jar_paths[d.artifact]
      deploymentGroup = d.deployment_group_name
    }
  })

  projects = {
    build            = { buildspec = "buildspec.yml", description = "Compile, test, lint Terraform, package jars and the site bundle" }
    migrate          = { buildspec = "deploy/buildspec-migrate.yml", description = "Apply Flyway migrations through RDS Proxy (inside the VPC)" }
    deploy-functions = { buildspec = "deploy/buildspec-deploy-functions.yml", description = "Publish function versions and shift the live aliases with CodeDeploy" }
    catalog          = { buildspec = "deploy/buildspec-catalog.yml", description = "Load or refresh the movie catalog through the ops function (idempotent)" }
  }

  project_names = { for key, _ in local.projects : key => "${var.name}-${key}" }

  # Where the catalog step imports from: an operator's S3 folder, or the repository's MovieLens files,
  # which the step itself uploads to this folder first.
  upload_seed_catalog = var.catalog_source == null
  catalog_source      = local.upload_seed_catalog ? "s3://${var.artifact_bucket}/${var.catalog_prefix}movielens/" : var.catalog_source

  lambda_codedeploy_group_arns = [
    for d in values(var.lambda_deployments) :
    "arn:${data.aws_partition.current.partition}:codedeploy:${local.region}:${local.account_id}:deploymentgroup:${var.lambda_codedeploy_app_name}/${d.deployment_group_name}"
  ]
  frontend_codedeploy_group_arn = "arn:${data.aws_partition.current.partition}:codedeploy:${local.region}:${local.account_id}:deploymentgroup:${var.frontend_codedeploy_app_name}/${var.frontend_deployment_group_name}"
  codedeploy_config_arn_prefix  = "arn:${data.aws_partition.current.partition}:codedeploy:${local.region}:${local.account_id}:deploymentconfig:"
}

# --- Source connection ----------------------------------------------------------------------------

resource "aws_codestarconnections_connection" "this" {
  count = var.connection_arn == null ? 1 : 0

  name          = substr("${var.name}-source", 0, 32)
  provider_type = "GitHub"

  tags = var.tags
}
