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
  }

  project_names = { for key, _ in local.projects : key => "${var.name}-${key}" }

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

# --- Pipeline artifact store ------------------------------------------------------------------------

resource "aws_s3_bucket" "pipeline" {
  bucket_prefix = "${var.name}-pipeline-"
  force_destroy = false

  tags = var.tags
}

resource "aws_s3_bucket_public_access_block" "pipeline" {
  bucket = aws_s3_bucket.pipeline.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "pipeline" {
  bucket = aws_s3_bucket.pipeline.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "pipeline" {
  bucket = aws_s3_bucket.pipeline.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "pipeline" {
  bucket = aws_s3_bucket.pipeline.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "pipeline" {
  bucket = aws_s3_bucket.pipeline.id

  rule {
    id     = "expire-old-artifacts"
    status = "Enabled"

    filter {}

    expiration {
      days = 60
    }

    noncurrent_version_expiration {
      noncurrent_days = 7
    }
  }
}

data "aws_iam_policy_document" "pipeline_bucket" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.pipeline.arn, "${aws_s3_bucket.pipeline.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "pipeline" {
  bucket = aws_s3_bucket.pipeline.id
  policy = data.aws_iam_policy_document.pipeline_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.pipeline]
}

# --- CodeBuild: shared pieces ------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "codebuild" {
  for_each = local.projects

  name              = "/aws/codebuild/${local.project_names[each.key]}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

data "aws_iam_policy_document" "codebuild_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codebuild.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "codebuild" {
  for_each = local.projects

  name               = "${local.project_names[each.key]}-codebuild"
  assume_role_policy = data.aws_iam_policy_document.codebuild_assume.json

  tags = var.tags
}

# Every project: its own logs, the pipeline's artifacts (and build cache), its test reports.
data "aws_iam_policy_document" "codebuild_common" {
  for_each = local.projects

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.codebuild[each.key].arn}:*"]
  }

  statement {
    sid       = "PipelineArtifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = ["${aws_s3_bucket.pipeline.arn}/*"]
  }

  statement {
    sid       = "PipelineBucket"
    actions   = ["s3:GetBucketLocation", "s3:GetBucketAcl", "s3:ListBucket"]
    resources = [aws_s3_bucket.pipeline.arn]
  }

  statement {
    sid = "TestReports"
    actions = [
      "codebuild:CreateReportGroup",
      "codebuild:CreateReport",
      "codebuild:UpdateReport",
      "codebuild:BatchPutTestCases",
      "codebuild:BatchPutCodeCoverages",
    ]
    resources = ["arn:${data.aws_partition.current.partition}:codebuild:${local.region}:${local.account_id}:report-group/${local.project_names[each.key]}-*"]
  }
}

resource "aws_iam_role_policy" "codebuild_common" {
  for_each = local.projects

  name   = "codebuild-common"
  role   = aws_iam_role.codebuild[each.key].id
  policy = data.aws_iam_policy_document.codebuild_common[each.key].json
}

# --- Build ---------------------------------------------------------------------------------------------

resource "aws_codebuild_project" "build" {
  name          = local.project_names["build"]
  description   = local.projects["build"].description
  service_role  = aws_iam_role.codebuild["build"].arn
  build_timeout = 60

  source {
    type      = "CODEPIPELINE"
    buildspec = local.projects["build"].buildspec
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  cache {
    type     = "S3"
    location = "${aws_s3_bucket.pipeline.bucket}/codebuild-cache/build"
  }

  environment {
    type            = "LINUX_CONTAINER"
    compute_type    = var.build_compute_type
    image           = var.build_image
    privileged_mode = var.run_localstack_tests

    environment_variable {
      name  = "RUN_LOCALSTACK_TESTS"
      value = var.run_localstack_tests ? "true" : "false"
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.codebuild["build"].name
    }
  }

  tags = var.tags
}

# --- Migration job: Flyway inside the VPC, never inside a function -----------------------------------

resource "aws_security_group" "migrate" {
  name        = "${var.name}-migrate"
  description = "Migration job: PostgreSQL to RDS Proxy, HTTPS out"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-migrate" })
}

resource "aws_vpc_security_group_egress_rule" "migrate_to_proxy" {
  security_group_id            = aws_security_group.migrate.id
  description                  = "PostgreSQL to RDS Proxy"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = var.database_proxy_security_group_id
}

resource "aws_vpc_security_group_egress_rule" "migrate_https" {
  security_group_id = aws_security_group.migrate.id
  description       = "HTTPS to AWS APIs (CodeBuild, S3, Secrets Manager, Logs)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "proxy_from_migrate" {
  security_group_id            = var.database_proxy_security_group_id
  description                  = "PostgreSQL from the migration job"
  ip_protocol                  = "tcp"
  from_port                    = var.database_port
  to_port                      = var.database_port
  referenced_security_group_id = aws_security_group.migrate.id
}

data "aws_iam_policy_document" "migrate" {
  statement {
    sid       = "ReadDatabaseSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.database_secret_arn]
  }

  dynamic "statement" {
    for_each = var.database_secret_kms_key_arn == null ? [] : [var.database_secret_kms_key_arn]

    content {
      sid       = "DecryptDatabaseSecret"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }

  # CodeBuild in a VPC: these describe/ENI actions support no resource-level restriction.
  statement {
    sid = "VpcNetworking"
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeDhcpOptions",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DeleteNetworkInterface",
      "ec2:DescribeSubnets",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeVpcs",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "AttachNetworkInterfaceInPrivateSubnets"
    actions   = ["ec2:CreateNetworkInterfacePermission"]
    resources = ["arn:${data.aws_partition.current.partition}:ec2:${local.region}:${local.account_id}:network-interface/*"]

    condition {
      test     = "StringEquals"
      variable = "ec2:AuthorizedService"
      values   = ["codebuild.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "ec2:Subnet"
      values   = [for id in var.private_subnet_ids : "arn:${data.aws_partition.current.partition}:ec2:${local.region}:${local.account_id}:subnet/${id}"]
    }
  }
}

resource "aws_iam_role_policy" "migrate" {
  name   = "migrate-database"
  role   = aws_iam_role.codebuild["migrate"].id
  policy = data.aws_iam_policy_document.migrate.json
}

resource "aws_codebuild_project" "migrate" {
  name          = local.project_names["migrate"]
  description   = local.projects["migrate"].description
  service_role  = aws_iam_role.codebuild["migrate"].arn
  build_timeout = 30

  source {
    type      = "CODEPIPELINE"
    buildspec = local.projects["migrate"].buildspec
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    type         = "LINUX_CONTAINER"
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = var.build_image

    environment_variable {
      name  = "SPRING_DATASOURCE_URL"
      value = var.datasource_url
    }

    environment_variable {
      name  = "SPRING_DATASOURCE_USERNAME"
      type  = "SECRETS_MANAGER"
      value = "${var.database_secret_arn}:username"
    }

    environment_variable {
      name  = "SPRING_DATASOURCE_PASSWORD"
      type  = "SECRETS_MANAGER"
      value = "${var.database_secret_arn}:password"
    }
  }

  vpc_config {
    vpc_id             = var.vpc_id
    subnets            = var.private_subnet_ids
    security_group_ids = [aws_security_group.migrate.id]
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.codebuild["migrate"].name
    }
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.migrate]
}

# --- Function deployment: publish versions, let CodeDeploy shift the aliases --------------------------

data "aws_iam_policy_document" "deploy_functions" {
  statement {
    sid = "PublishFunctionVersions"
    actions = [
      "lambda:UpdateFunctionCode",
      "lambda:PublishVersion",
      "lambda:GetFunction",
      "lambda:GetFunctionConfiguration",
      "lambda:GetAlias",
    ]
    resources = flatten([for d in values(var.lambda_deployments) : [d.function_arn, "${d.function_arn}:*"]])
  }

  statement {
    sid       = "UploadFunctionJars"
    actions   = ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.artifact_bucket}/lambda/${var.name}/*"]
  }

  statement {
    sid       = "StartCanaryDeployments"
    actions   = ["codedeploy:CreateDeployment", "codedeploy:GetDeployment"]
    resources = local.lambda_codedeploy_group_arns
  }

  statement {
    sid       = "ReadDeploymentConfigs"
    actions   = ["codedeploy:GetDeploymentConfig"]
    resources = ["${local.codedeploy_config_arn_prefix}*"]
  }

  statement {
    sid       = "RegisterRevisions"
    actions   = ["codedeploy:RegisterApplicationRevision", "codedeploy:GetApplicationRevision", "codedeploy:GetApplication"]
    resources = ["arn:${data.aws_partition.current.partition}:codedeploy:${local.region}:${local.account_id}:application:${var.lambda_codedeploy_app_name}"]
  }
}

resource "aws_iam_role_policy" "deploy_functions" {
  name   = "deploy-functions"
  role   = aws_iam_role.codebuild["deploy-functions"].id
  policy = data.aws_iam_policy_document.deploy_functions.json
}

resource "aws_codebuild_project" "deploy_functions" {
  name          = local.project_names["deploy-functions"]
  description   = local.projects["deploy-functions"].description
  service_role  = aws_iam_role.codebuild["deploy-functions"].arn
  build_timeout = 90

  source {
    type      = "CODEPIPELINE"
    buildspec = local.projects["deploy-functions"].buildspec
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    type         = "LINUX_CONTAINER"
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = var.build_image

    environment_variable {
      name  = "ARTIFACT_BUCKET"
      value = var.artifact_bucket
    }

    environment_variable {
      name  = "ARTIFACT_PREFIX"
      value = "lambda/${var.name}"
    }

    environment_variable {
      name  = "CODEDEPLOY_APPLICATION"
      value = var.lambda_codedeploy_app_name
    }

    environment_variable {
      name  = "LAMBDA_DEPLOYMENTS"
      value = local.lambda_deployments_json
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.codebuild["deploy-functions"].name
    }
  }

  tags = var.tags
}

# --- Pipeline ------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "pipeline_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codepipeline.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "pipeline" {
  name               = "${var.name}-pipeline"
  assume_role_policy = data.aws_iam_policy_document.pipeline_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "pipeline" {
  statement {
    sid       = "Artifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectAcl"]
    resources = ["${aws_s3_bucket.pipeline.arn}/*"]
  }

  statement {
    sid       = "ArtifactBucket"
    actions   = ["s3:GetBucketVersioning", "s3:GetBucketLocation", "s3:ListBucket"]
    resources = [aws_s3_bucket.pipeline.arn]
  }

  statement {
    sid       = "UseSourceConnection"
    actions   = ["codestar-connections:UseConnection", "codeconnections:UseConnection"]
    resources = [local.connection_arn]
  }

  statement {
    sid       = "RunBuilds"
    actions   = ["codebuild:StartBuild", "codebuild:BatchGetBuilds"]
    resources = [aws_codebuild_project.build.arn, aws_codebuild_project.migrate.arn, aws_codebuild_project.deploy_functions.arn]
  }

  statement {
    sid       = "DeploySite"
    actions   = ["codedeploy:CreateDeployment", "codedeploy:GetDeployment"]
    resources = [local.frontend_codedeploy_group_arn]
  }

  statement {
    sid       = "ReadSiteDeploymentConfig"
    actions   = ["codedeploy:GetDeploymentConfig"]
    resources = ["${local.codedeploy_config_arn_prefix}*"]
  }

  statement {
    sid       = "RegisterSiteRevisions"
    actions   = ["codedeploy:GetApplication", "codedeploy:GetApplicationRevision", "codedeploy:RegisterApplicationRevision"]
    resources = ["arn:${data.aws_partition.current.partition}:codedeploy:${local.region}:${local.account_id}:application:${var.frontend_codedeploy_app_name}"]
  }
}

resource "aws_iam_role_policy" "pipeline" {
  name   = "run-pipeline"
  role   = aws_iam_role.pipeline.id
  policy = data.aws_iam_policy_document.pipeline.json
}

resource "aws_codepipeline" "this" {
  name          = var.name
  role_arn      = aws_iam_role.pipeline.arn
  pipeline_type = "V2"

  artifact_store {
    location = aws_s3_bucket.pipeline.bucket
    type     = "S3"
  }

  stage {
    name = "Source"

    action {
      name             = "Source"
      category         = "Source"
      owner            = "AWS"
      provider         = "CodeStarSourceConnection"
      version          = "1"
      namespace        = "SourceVariables"
      output_artifacts = ["Source"]

      configuration = {
        ConnectionArn        = local.connection_arn
        FullRepositoryId     = var.repository_id
        BranchName           = var.branch
        OutputArtifactFormat = "CODE_ZIP"
      }
    }
  }

  stage {
    name = "Build"

    action {
      name             = "BuildTestPackage"
      category         = "Build"
      owner            = "AWS"
      provider         = "CodeBuild"
      version          = "1"
      input_artifacts  = ["Source"]
      output_artifacts = ["BuildOutput", "FrontendBundle"]

      configuration = {
        ProjectName = aws_codebuild_project.build.name
      }
    }
  }

  dynamic "stage" {
    for_each = var.require_manual_approval ? ["Approve"] : []

    content {
      name = stage.value

      action {
        name     = "ApproveRelease"
        category = "Approval"
        owner    = "AWS"
        provider = "Manual"
        version  = "1"

        configuration = {
          CustomData = "Migrations and a canary deployment follow. Commit #{SourceVariables.CommitId}."
        }
      }
    }
  }

  stage {
    name = "Migrate"

    action {
      name            = "FlywayMigrate"
      category        = "Build"
      owner           = "AWS"
      provider        = "CodeBuild"
      version         = "1"
      input_artifacts = ["BuildOutput"]

      configuration = {
        ProjectName = aws_codebuild_project.migrate.name
      }
    }
  }

  stage {
    name = "Deploy"

    action {
      name            = "Functions"
      category        = "Build"
      owner           = "AWS"
      provider        = "CodeBuild"
      version         = "1"
      input_artifacts = ["BuildOutput"]
      run_order       = 1

      configuration = {
        ProjectName = aws_codebuild_project.deploy_functions.name
        EnvironmentVariables = jsonencode([
          { name = "COMMIT_ID", value = "#{SourceVariables.CommitId}", type = "PLAINTEXT" },
        ])
      }
    }

    action {
      name            = "Site"
      category        = "Deploy"
      owner           = "AWS"
      provider        = "CodeDeploy"
      version         = "1"
      input_artifacts = ["FrontendBundle"]
      run_order       = 2

      configuration = {
        ApplicationName     = var.frontend_codedeploy_app_name
        DeploymentGroupName = var.frontend_deployment_group_name
      }
    }
  }

  tags = var.tags
}
