# The catalog step: after the functions are deployed and before the site, load or refresh the movie
# catalog through the ops function (deploy/buildspec-catalog.yml). The import runs inside the ops
# function, which is in the VPC and connects as the ops database role; this job only uploads the files
# and calls the Lambda API, so it needs no VPC and no database credentials. Its role is in iam.tf.

resource "aws_codebuild_project" "catalog" {
  name          = local.project_names["catalog"]
  description   = local.projects["catalog"].description
  service_role  = aws_iam_role.codebuild["catalog"].arn
  build_timeout = 20 # the script waits up to the ops function's 900 s timeout

  source {
    type      = "CODEPIPELINE"
    buildspec = local.projects["catalog"].buildspec
  }

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    type         = "LINUX_CONTAINER"
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = var.build_image

    environment_variable {
      name  = "OPS_FUNCTION_NAME"
      value = var.catalog_import.function_name
    }

    environment_variable {
      name  = "OPS_FUNCTION_QUALIFIER"
      value = var.catalog_import.alias_name
    }

    environment_variable {
      name  = "CATALOG_SOURCE"
      value = local.catalog_source
    }

    # Only when the pipeline owns the files: the folder of the Catalog artifact they are uploaded from.
    dynamic "environment_variable" {
      for_each = local.upload_seed_catalog ? ["data/movielens-ml-latest-small"] : []

      content {
        name  = "CATALOG_UPLOAD_FROM"
        value = environment_variable.value
      }
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.codebuild["catalog"].name
    }
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.catalog]
}
