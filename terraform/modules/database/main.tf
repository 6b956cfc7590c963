locals {
  port = 5432
  # One PostgreSQL role per function, the analysts' role, and the owner the migrations run as; the
  # migration job creates them (as the master user) and sets each password from its secret here.
  database_roles = {
    owner     = "movie_ratings_owner"
    command   = "movie_ratings_command"
    relay     = "movie_ratings_relay"
    projector = "movie_ratings_projector"
    query     = "movie_ratings_query"
    ops       = "movie_ratings_ops"
    analyst   = "movie_ratings_analyst"
  }
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

  # A backstop for every role (the analysts' role has tighter ones of its own, set by the migrations):
  # a session left idle inside a transaction holds locks and blocks vacuum.
  parameter {
    name  = "idle_in_transaction_session_timeout"
    value = "300000"
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

# --- Role credentials -------------------------------------------------------------------------
# One secret per database role (JSON username/password, the shape of the RDS-managed master secret).
# The password is drawn once by Secrets Manager; later plans draw another, which ignore_changes drops.
# To rotate one: terraform apply -replace='module.database.aws_secretsmanager_secret_version.role["query"]',
# then run the migration job (it sets every role's password from its secret).

resource "aws_secretsmanager_secret" "role" {
  for_each = local.database_roles

  name_prefix             = "${var.name}/database/${each.key}-"
  description             = "PostgreSQL role ${each.value} of ${var.name}"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_days

  tags = merge(var.tags, { DatabaseRole = each.value })
}

data "aws_secretsmanager_random_password" "role" {
  for_each = local.database_roles

  password_length     = 40
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret_version" "role" {
  for_each = local.database_roles

  secret_id = aws_secretsmanager_secret.role[each.key].id
  secret_string = jsonencode({
    username = each.value
    password = data.aws_secretsmanager_random_password.role[each.key].random_password
  })

  lifecycle {
    ignore_changes = [secret_string]
  }
}

# --- RDS Proxy ---------------------------------------------------------------------------------
# Lambda opens many short-lived connections; the proxy pools them. Every client authenticates over TLS
# with its own role's secret; the migration job bootstraps the roles with the RDS-managed master secret.

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
    sid       = "ReadDatabaseSecrets"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = concat([aws_db_instance.this.master_user_secret[0].secret_arn], [for s in aws_secretsmanager_secret.role : s.arn])
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

  dynamic "auth" {
    for_each = local.database_roles

    content {
      auth_scheme               = "SECRETS"
      client_password_auth_type = "POSTGRES_SCRAM_SHA_256"
      iam_auth                  = "DISABLED"
      secret_arn                = aws_secretsmanager_secret.role[auth.key].arn
      description               = "Role ${auth.value}"
    }
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

# --- Analysts' way in: Session Manager port forwarding through a small instance ------------------
# No inbound rule, no SSH key, no public address: an analyst with ssm:StartSession on this instance runs
#   aws ssm start-session --target <analyst_tunnel_instance_id> \
#     --document-name AWS-StartPortForwardingSessionToRemoteHost \
#     --parameters host=<proxy endpoint>,portNumber=5432,localPortNumber=15432
# and connects to localhost:15432 as movie_ratings_analyst (docs/analytics.md).

data "aws_ssm_parameter" "tunnel_ami" {
  count = var.create_analyst_tunnel ? 1 : 0

  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"
}

resource "aws_security_group" "analyst_tunnel" {
  count = var.create_analyst_tunnel ? 1 : 0

  name        = "${var.name}-analyst-tunnel"
  description = "Analysts' Session Manager tunnel: no inbound rules; out to RDS Proxy and HTTPS (SSM)"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-analyst-tunnel" })
}

resource "aws_vpc_security_group_egress_rule" "tunnel_to_proxy" {
  count = var.create_analyst_tunnel ? 1 : 0

  security_group_id            = aws_security_group.analyst_tunnel[0].id
  description                  = "PostgreSQL to RDS Proxy"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.proxy.id
}

resource "aws_vpc_security_group_egress_rule" "tunnel_https" {
  count = var.create_analyst_tunnel ? 1 : 0

  security_group_id = aws_security_group.analyst_tunnel[0].id
  description       = "HTTPS to Systems Manager (through the NAT gateway)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "proxy_from_tunnel" {
  count = var.create_analyst_tunnel ? 1 : 0

  security_group_id            = aws_security_group.proxy.id
  description                  = "PostgreSQL from the analysts' tunnel"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.analyst_tunnel[0].id
}

data "aws_iam_policy_document" "tunnel_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "analyst_tunnel" {
  count = var.create_analyst_tunnel ? 1 : 0

  name               = "${var.name}-analyst-tunnel"
  assume_role_policy = data.aws_iam_policy_document.tunnel_assume.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "analyst_tunnel_ssm" {
  count = var.create_analyst_tunnel ? 1 : 0

  role       = aws_iam_role.analyst_tunnel[0].name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "analyst_tunnel" {
  count = var.create_analyst_tunnel ? 1 : 0

  name = "${var.name}-analyst-tunnel"
  role = aws_iam_role.analyst_tunnel[0].name
}

resource "aws_instance" "analyst_tunnel" {
  count = var.create_analyst_tunnel ? 1 : 0

  ami                         = data.aws_ssm_parameter.tunnel_ami[0].value
  instance_type               = var.analyst_tunnel_instance_type
  subnet_id                   = var.subnet_ids[0]
  vpc_security_group_ids      = [aws_security_group.analyst_tunnel[0].id]
  iam_instance_profile        = aws_iam_instance_profile.analyst_tunnel[0].name
  associate_public_ip_address = false

  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }

  root_block_device {
    encrypted   = true
    volume_size = 8
  }

  tags = merge(var.tags, { Name = "${var.name}-analyst-tunnel" })

  lifecycle {
    ignore_changes = [ami]
  }
}
