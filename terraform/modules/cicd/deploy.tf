# Deployment: the project that publishes function versions and lets CodeDeploy shift each live alias
# (the deployment groups themselves belong to the functions and frontend modules).

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
