# The pipeline: Source -> Build -> (Approve) -> Migrate -> Deploy (functions, then the catalog, then
# the site: the site goes live only over a loaded catalog, and a refused catalog stops the release).

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
      output_artifacts = ["BuildOutput", "FrontendBundle", "Catalog"]

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
      name            = "Catalog"
      category        = "Build"
      owner           = "AWS"
      provider        = "CodeBuild"
      version         = "1"
      input_artifacts = ["Catalog"]
      run_order       = 2

      configuration = {
        ProjectName = aws_codebuild_project.catalog.name
      }
    }

    action {
      name            = "Site"
      category        = "Deploy"
      owner           = "AWS"
      provider        = "CodeDeploy"
      version         = "1"
      input_artifacts = ["FrontendBundle"]
      run_order       = 3

      configuration = {
        ApplicationName     = var.frontend_codedeploy_app_name
        DeploymentGroupName = var.frontend_deployment_group_name
      }
    }
  }

  tags = var.tags
}
