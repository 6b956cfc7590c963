# CodeBuild projects: build (test, lint, package) and migrate (Flyway inside the VPC), with their logs.
# Their roles and policies are in iam.tf.

resource "aws_cloudwatch_log_group" "codebuild" {
  for_each = local.projects

  name              = "/aws/codebuild/${local.project_names[each.key]}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

# --- Build ---------------------------------------------------------------------------------------------

resource "aws_codebuild_project" "build" {
  name          = local.project_names["build"]
  description   = local.projects["build"].description
  service_role  = aws_iam_role.codebuild["build"].arn
  build_timeout = 120 # the build, its tests and the mutation run of four modules (PIT alone: 35–45 min, estimated; README)

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

    # ARNs only: the job reads each role's secret itself to create the role and set its password.
    dynamic "environment_variable" {
      for_each = var.database_role_secret_arns

      content {
        name  = "DATABASE_ROLE_SECRETS_${upper(environment_variable.key)}"
        value = environment_variable.value
      }
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
