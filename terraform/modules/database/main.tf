locals {
  port         = 5432
  major        = split(".", var.engine_version)[0]
  identifier   = "${var.name}-postgres"
  master_group = "/aws/rds/instance/${local.identifier}/postgresql"
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids

  tags = var.tags
}

resource "aws_db_parameter_group" "this" {
  name_prefix = "${var.name}-postgres${local.major}-"
  family      = "postgres${local.major}"
  description = "Movie Ratings PostgreSQL ${local.major}"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }

  lifecycle {
    create_before_destroy = true
  }

  tags = var.tags
}

# --- Security groups ------------------------------------------------------------------------
# The database accepts connections only from RDS Proxy; clients (functions, the migration job)
# get ingress on the proxy's security group from the modules that own them.

resource "aws_security_group" "database" {
  name        = "${var.name}-database"
  description = "PostgreSQL: reachable only from RDS Proxy"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-database" })
}

resource "aws_vpc_security_group_ingress_rule" "database_from_proxy" {
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from RDS Proxy"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.proxy.id
}

resource "aws_security_group" "proxy" {
  name        = "${var.name}-rds-proxy"
  description = "RDS Proxy: clients are granted ingress by their own modules"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-rds-proxy" })
}

resource "aws_vpc_security_group_egress_rule" "proxy_to_database" {
  security_group_id            = aws_security_group.proxy.id
  description                  = "PostgreSQL to the database"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.database.id
}

# --- Instance ---------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "postgresql" {
  name              = local.master_group
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_db_instance" "this" {
  identifier     = local.identifier
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class
  port           = local.port

  db_name                       = var.database_name
  username                      = var.master_username
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  allocated_storage     = var.allocated_storage_gb
  max_allocated_storage = var.max_allocated_storage_gb
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.database.id]
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false
  multi_az               = var.multi_az
  ca_cert_identifier     = "rds-ca-rsa2048-g1"

  backup_retention_period   = var.backup_retention_days
  backup_window             = "03:00-03:30"
  maintenance_window        = "sun:04:00-sun:05:00"
  copy_tags_to_snapshot     = true
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = var.skip_final_snapshot ? null : "${local.identifier}-final"

  auto_minor_version_upgrade      = true
  allow_major_version_upgrade     = false
  apply_immediately               = var.apply_immediately
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.postgresql]
}

# --- Read replica for analysts ----------------------------------------------------------------

resource "aws_security_group" "replica" {
  count = var.create_read_replica ? 1 : 0

  name        = "${var.name}-analytics-replica"
  description = "Read replica for analysts: reachable only from the analysts' networks"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-analytics-replica" })
}

resource "aws_vpc_security_group_ingress_rule" "replica_from_analysts" {
  for_each = var.create_read_replica ? toset(var.analyst_cidr_blocks) : toset([])

  security_group_id = aws_security_group.replica[0].id
  description       = "PostgreSQL from an analysts' network"
  ip_protocol       = "tcp"
  from_port         = local.port
  to_port           = local.port
  cidr_ipv4         = each.key
}

resource "aws_db_instance" "replica" {
  count = var.create_read_replica ? 1 : 0

  identifier          = "${local.identifier}-analytics"
  replicate_source_db = aws_db_instance.this.identifier
  instance_class      = var.replica_instance_class
  storage_encrypted   = true
  kms_key_id          = var.kms_key_arn

  vpc_security_group_ids = [aws_security_group.replica[0].id]
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false
  multi_az               = false

  backup_retention_period    = 0
  auto_minor_version_upgrade = true
  deletion_protection        = var.deletion_protection
  skip_final_snapshot        = true
  apply_immediately          = var.apply_immediately

  tags = merge(var.tags, { Role = "analytics-read-replica" })
}

# --- RDS Proxy ---------------------------------------------------------------------------------
# Lambda opens many short-lived connections; the proxy pools them. Clients authenticate with the
# RDS-managed master secret (username/password JSON) over TLS.

data "aws_iam_policy_document" "proxy_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "proxy" {
  name               = "${var.name}-rds-proxy"
  assume_role_policy = data.aws_iam_policy_document.proxy_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "proxy" {
  statement {
    sid       = "ReadDatabaseSecret"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [aws_db_instance.this.master_user_secret[0].secret_arn]
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]

    content {
      sid       = "DecryptDatabaseSecret"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${data.aws_region.current.region}.amazonaws.com"]
      }
    }
  }
}

data "aws_region" "current" {}

resource "aws_iam_role_policy" "proxy" {
  name   = "read-database-secret"
  role   = aws_iam_role.proxy.id
  policy = data.aws_iam_policy_document.proxy.json
}

resource "aws_db_proxy" "this" {
  name                   = var.name
  engine_family          = "POSTGRESQL"
  role_arn               = aws_iam_role.proxy.arn
  vpc_subnet_ids         = var.subnet_ids
  vpc_security_group_ids = [aws_security_group.proxy.id]
  require_tls            = true
  idle_client_timeout    = var.proxy_idle_client_timeout_seconds
  debug_logging          = false

  auth {
    auth_scheme               = "SECRETS"
    client_password_auth_type = "POSTGRES_SCRAM_SHA_256"
    iam_auth                  = "DISABLED"
    secret_arn                = aws_db_instance.this.master_user_secret[0].secret_arn
    description               = "RDS-managed master secret"
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.proxy]
}

resource "aws_db_proxy_default_target_group" "this" {
  db_proxy_name = aws_db_proxy.this.name

  connection_pool_config {
    max_connections_percent      = var.proxy_max_connections_percent
    max_idle_connections_percent = 50
    connection_borrow_timeout    = 10
  }
}

resource "aws_db_proxy_target" "this" {
  db_proxy_name          = aws_db_proxy.this.name
  target_group_name      = aws_db_proxy_default_target_group.this.name
  db_instance_identifier = aws_db_instance.this.identifier
}
