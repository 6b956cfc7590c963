# IAM of the pipeline: one role per CodeBuild project and one for CodePipeline, each with only what its
# stage does.

# --- CodeBuild roles ---------------------------------------------------------------------------------

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

# --- Migration job -----------------------------------------------------------------------------------

data "aws_iam_policy_document" "migrate" {
  statement {
    sid       = "ReadDatabaseSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = concat([var.database_secret_arn], values(var.database_role_secret_arns))
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

# --- Function deployment -----------------------------------------------------------------------------

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

# --- Catalog import ----------------------------------------------------------------------------------

# The ops function's live alias and nothing else (a qualified invoke is authorised on the alias's ARN),
# and, when the pipeline owns the catalog files, writing them to their one folder.
data "aws_iam_policy_document" "catalog" {
  statement {
    sid       = "InvokeOpsFunction"
    actions   = ["lambda:InvokeFunction"]
    resources = [var.catalog_import.alias_arn]
  }

  dynamic "statement" {
    for_each = local.upload_seed_catalog ? [local.catalog_source] : []

    content {
      sid       = "UploadSeedCatalog"
      actions   = ["s3:PutObject"]
      resources = ["arn:${data.aws_partition.current.partition}:s3:::${trimprefix(statement.value, "s3://")}*"]
    }
  }
}

resource "aws_iam_role_policy" "catalog" {
  name   = "import-catalog"
  role   = aws_iam_role.codebuild["catalog"].id
  policy = data.aws_iam_policy_document.catalog.json
}

# --- Pipeline ----------------------------------------------------------------------------------------

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
    resources = [aws_codebuild_project.build.arn, aws_codebuild_project.migrate.arn, aws_codebuild_project.deploy_functions.arn, aws_codebuild_project.catalog.arn]
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

