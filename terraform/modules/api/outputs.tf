output "api_id" {
  description = "ID of the HTTP API."
  value       = aws_apigatewayv2_api.this.id
}

output "api_endpoint" {
  description = "Base URL of the API (the frontend's apiBaseUrl); routes start with /api."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "execution_arn" {
  description = "Execution ARN of the HTTP API."
  value       = aws_apigatewayv2_api.this.execution_arn
}

output "user_pool_id" {
  description = "ID of the Cognito user pool."
  value       = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  description = "ARN of the Cognito user pool."
  value       = aws_cognito_user_pool.this.arn
}

output "user_pool_client_id" {
  description = "ID of the browser app client (the JWT audience)."
  value       = aws_cognito_user_pool_client.web.id
}

output "issuer_url" {
  description = "Issuer of the JWTs the authorizer accepts."
  value       = "https://${aws_cognito_user_pool.this.endpoint}"
}

output "hosted_ui_base_url" {
  description = "Base URL of the Cognito hosted sign-in pages (authorize, token, logout endpoints)."
  value       = "https://${aws_cognito_user_pool_domain.this.domain}.auth.${data.aws_region.current.region}.amazoncognito.com"
}

output "route_keys" {
  description = "Route keys the API serves."
  value       = keys(local.routes)
}

output "public_base_url" {
  description = "Base URL browsers call the API at: the CloudFront distribution with AWS WAF in front of the HTTP API."
  value       = "https://${aws_cloudfront_distribution.api.domain_name}"
}
