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
    condition     = length(aws_db_instance.replica) == 0
    error_message = "No analysts' replica unless asked for."
  }
}

run "analysts_replica" {
  command = plan

  variables {
    create_read_replica = true
    analyst_cidr_blocks = ["10.99.0.0/24"]
  }

  assert {
    condition     = length(aws_db_instance.replica) == 1 && !aws_db_instance.replica[0].publicly_accessible
    error_message = "The replica exists and is private."
  }

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.replica_from_analysts) == 1
    error_message = "Only the analysts' network reaches the replica."
  }
}

run "never_open_to_the_internet" {
  command = plan

  variables {
    create_read_replica = true
    analyst_cidr_blocks = ["0.0.0.0/0"]
  }

  expect_failures = [var.analyst_cidr_blocks]
}
