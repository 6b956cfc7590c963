output "pipeline_name" {
  description = "Name of the CodePipeline."
  value       = aws_codepipeline.this.name
}

output "pipeline_artifact_bucket" {
  description = "Name of the pipeline's artifact bucket."
  value       = aws_s3_bucket.pipeline.bucket
}

output "pipeline_artifact_bucket_arn" {
  description = "ARN of the pipeline's artifact bucket (the CodeDeploy agent reads revisions from it)."
  value       = aws_s3_bucket.pipeline.arn
}

output "connection_arn" {
  description = "ARN of the source connection; a newly created one stays PENDING until its handshake is completed in the console."
  value       = local.connection_arn
}

output "codebuild_project_names" {
  description = "CodeBuild project names: build, migrate, deploy-functions, catalog."
  value = {
    build            = aws_codebuild_project.build.name
    migrate          = aws_codebuild_project.migrate.name
    deploy-functions = aws_codebuild_project.deploy_functions.name
    catalog          = aws_codebuild_project.catalog.name
  }
}

output "catalog_source" {
  description = "S3 folder the catalog step imports movies.csv and links.csv from (docs/deploy.md, \"The catalog\")."
  value       = local.catalog_source
}

output "migration_security_group_id" {
  description = "Security group of the migration job."
  value       = aws_security_group.migrate.id
}
