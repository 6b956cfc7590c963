data "aws_region" "current" {}

locals {
  # Public contract v1 (docs: shared architecture brief). auth = true puts the JWT authorizer in front.
  # throttle: the route's class in var.route_throttles (its own bucket per route on the stage).
  # /api/me/profile, /api/me/export and DELETE /api/me go to the command function: it holds the personal store.
  routes = {
    "GET /api/movies"                = { target = "query", auth = false, write = false, throttle = "search" }
    "GET /api/movies/{id}"           = { target = "query", auth = false, write = false, throttle = "read" }
    "GET /api/movies/{id}/reviews"   = { target = "query", auth = false, write = false, throttle = "read" }
    "GET /api/movies/{id}/history"   = { target = "query", auth = false, write = false, throttle = "read" }
    "GET /api/movies/{id}/similar"   = { target = "query", auth = false, write = false, throttle = "read" }
    "GET /api/me/ratings"            = { target = "query", auth = true, write = false, throttle = "read" }
    "PUT /api/movies/{id}/rating"    = { target = "command", auth = true, write = true, throttle = "write" }
    "DELETE /api/movies/{id}/rating" = { target = "command", auth = true, write = true, throttle = "write" }
    "GET /api/me/profile"            = { target = "command", auth = true, write = false, throttle = "read" }
    "PUT /api/me/profile"            = { target = "command", auth = true, write = true, throttle = "write" }
    "GET /api/me/export"             = { target = "command", auth = true, write = false, throttle = "write" }
    "DELETE /api/me"                 = { target = "command", auth = true, write = true, throttle = "write" }
    # the diary (issue 20)
    "POST /api/me/diary"             = { target = "command", auth = true, write = true, throttle = "write" }
    "PUT /api/me/diary/{entryId}"    = { target = "command", auth = true, write = true, throttle = "write" }
    "DELETE /api/me/diary/{entryId}" = { target = "command", auth = true, write = true, throttle = "write" }
    "GET /api/me/diary"              = { target = "query", auth = true, write = false, throttle = "read" }
    "GET /api/me/diary/{entryId}"    = { target = "query", auth = true, write = false, throttle = "read" }

    # issue 20: the caller's watchlist (writes: command function) and profile summary (query function)
    "GET /api/me/watchlist"              = { target = "query", auth = true, write = false, throttle = "read" }
    "GET /api/me/profile/summary"        = { target = "query", auth = true, write = false, throttle = "read" }
    "PUT /api/me/watchlist/{movieId}"    = { target = "command", auth = true, write = true, throttle = "write" }
    "DELETE /api/me/watchlist/{movieId}" = { target = "command", auth = true, write = true, throttle = "write" }

    # issue 20: helpful reviews (votes: command function, which holds the review ids; the caller's votes: query)
    "PUT /api/movies/{id}/reviews/{reviewId}/helpful"    = { target = "command", auth = true, write = true, throttle = "write" }
    "DELETE /api/movies/{id}/reviews/{reviewId}/helpful" = { target = "command", auth = true, write = true, throttle = "write" }
    "GET /api/me/helpful"                                = { target = "query", auth = true, write = false, throttle = "read" }
    # issue 19: the caller's tags on a film (writes: command function; the tag of a DELETE is ?tag=)
    "GET /api/me/tags"              = { target = "query", auth = true, write = false, throttle = "read" }
    "POST /api/me/tags/{movieId}"   = { target = "command", auth = true, write = true, throttle = "write" }
    "DELETE /api/me/tags/{movieId}" = { target = "command", auth = true, write = true, throttle = "write" }
  }

  integrations = {
    command = var.command_function
    query   = var.query_function
  }
}

# --- Identity: Cognito user pool, the JWT issuer ---------------------------------------------------

resource "aws_cognito_user_pool" "this" {
  name                     = var.name
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = var.user_pool_deletion_protection ? "ACTIVE" : "INACTIVE"
  mfa_configuration        = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 3
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
  }

  tags = var.tags
}

resource "aws_cognito_user_pool_domain" "this" {
  domain       = var.cognito_domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
}

# Public browser client: authorization code + PKCE, no client secret.
resource "aws_cognito_user_pool_client" "web" {
  name         = "${var.name}-web"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = ["${var.site_origin}/"]
  logout_urls                          = ["${var.site_origin}/"]
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true

  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 30

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}

# --- HTTP API ----------------------------------------------------------------------------------------

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  protocol_type = "HTTP"
  description   = "Movie Ratings public API (v1)"

  # Once CloudFront reaches the API by its own origin name (edge.tf), the default endpoint would only be a
  # way around AWS WAF: switched off.
  disable_execute_api_endpoint = local.private_origin

  cors_configuration {
    allow_origins  = concat([var.site_origin], var.extra_cors_origins)
    allow_methods  = ["GET", "POST", "PUT", "DELETE", "OPTIONS"]
    allow_headers  = ["authorization", "content-type", "idempotency-key"]
    expose_headers = ["location", "retry-after", "x-projected-through"]
    max_age        = 600
  }

  tags = var.tags
}

resource "aws_apigatewayv2_authorizer" "cognito" {
  api_id           = aws_apigatewayv2_api.this.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = "https://${aws_cognito_user_pool.this.endpoint}"
    audience = [aws_cognito_user_pool_client.web.id]
  }
}

resource "aws_apigatewayv2_integration" "this" {
  for_each = local.integrations

  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = each.value.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = var.integration_timeout_ms
}

resource "aws_apigatewayv2_route" "this" {
  for_each = local.routes

  api_id             = aws_apigatewayv2_api.this.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.this[each.value.target].id}"
  authorization_type = each.value.auth ? "JWT" : "NONE"
  authorizer_id      = each.value.auth ? aws_apigatewayv2_authorizer.cognito.id : null
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name}/access"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit    = var.throttling_rate_limit
    throttling_burst_limit   = var.throttling_burst_limit
    detailed_metrics_enabled = true
  }

  # One token bucket per route, so a flood of searches cannot starve reads or writes (HTTP APIs take
  # no AWS WAF; limits per client address are the site's WAF and the functions' per-user quota).
  dynamic "route_settings" {
    for_each = local.routes

    content {
      route_key                = route_settings.key
      throttling_rate_limit    = var.route_throttles[route_settings.value.throttle].rate
      throttling_burst_limit   = var.route_throttles[route_settings.value.throttle].burst
      detailed_metrics_enabled = true
    }
  }

  # No tokens, no bodies: the caller's sub only, for correlation.
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTimeEpoch"
      httpMethod         = "$context.httpMethod"
      routeKey           = "$context.routeKey"
      path               = "$context.path"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      latencyMs          = "$context.responseLatency"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      authorizerError    = "$context.authorizer.error"
      sourceIp           = "$context.identity.sourceIp"
      userAgent          = "$context.identity.userAgent"
      sub                = "$context.authorizer.claims.sub"
    })
  }

  tags = var.tags

  depends_on = [aws_apigatewayv2_route.this]
}

resource "aws_lambda_permission" "api" {
  for_each = local.integrations

  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = each.value.function_name
  qualifier     = each.value.alias_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/*"
}
