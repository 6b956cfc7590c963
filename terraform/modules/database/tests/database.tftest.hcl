# Plan-time assertions with a mocked AWS provider: `terraform test` in this module (CodeBuild runs it).

mock_provider "aws" {}

variables {
  name       = "movie-ratings-test"
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

run "private_encrypted_protected" {
  command = plan

  assert {
    condition     = !aws_db_instance.this.publicly_accessible && aws_db_instance.this.storage_encrypted
    error_message = "The database is private and encrypted."
  }

  assert {
    condition     = aws_db_instance.this.manage_master_user_password && aws_db_instance.this.password == null
    error_message = "RDS manages the master password in Secrets Manager; Terraform never sees it."
  }

  assert {
    condition     = aws_db_instance.this.deletion_protection && aws_db_instance.this.backup_retention_period == 7
    error_message = "Deletion protection and backups are on by default."
  }

  assert {
    condition     = aws_db_proxy.this.require_tls && aws_db_proxy.this.engine_family == "POSTGRESQL"
    error_message = "RDS Proxy requires TLS."
  }

  assert {
    condition     = length(aws_instance.analyst_tunnel) == 0
    error_message = "No analysts' tunnel unless asked for."
  }

  assert {
    condition     = length(aws_secretsmanager_secret.role) == 7
    error_message = "One secret per database role: owner, five functions, analyst."
  }
}

run "analysts_tunnel" {
  command = plan

  variables {
    create_analyst_tunnel = true
  }

  assert {
    condition     = length(aws_instance.analyst_tunnel) == 1 && !aws_instance.analyst_tunnel[0].associate_public_ip_address
    error_message = "The tunnel exists and has no public address."
  }

  assert {
    condition     = aws_instance.analyst_tunnel[0].metadata_options[0].http_tokens == "required"
    error_message = "The tunnel requires IMDSv2."
  }
}

run "secret_recovery_window_is_one_secrets_manager_accepts" {
  command = plan

  variables {
    secret_recovery_window_days = 3
  }

  expect_failures = [var.secret_recovery_window_days]
}
