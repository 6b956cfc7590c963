variable "name" {
  type        = string
  description = "Name prefix for every resource, e.g. movie-ratings-dev."
}

variable "site_origin" {
  type        = string
  description = "The site's origin (https://host); the only origin CORS allows and the base of the sign-in callback URLs."

  validation {
    condition     = can(regex("^https://[a-z0-9.-]+(:[0-9]+)?$", var.site_origin))
    error_message = "site_origin must look like https://host (no path, no trailing slash)."
  }
}

variable "extra_cors_origins" {
  type        = list(string)
  description = "More allowed origins (e.g. http://localhost:8080 in dev only). Keep empty in prod."
  default     = []
}

variable "command_function" {
  type = object({
    function_name = string
    alias_name    = string
    invoke_arn    = string
  })
  description = "The command function's live alias: name, alias name and invoke ARN."
}

variable "query_function" {
  type = object({
    function_name = string
    alias_name    = string
    invoke_arn    = string
  })
  description = "The query function's live alias: name, alias name and invoke ARN."
}

variable "throttling_rate_limit" {
  type        = number
  description = "Steady-state requests per second for the whole stage (default route settings)."
  default     = 100
}

variable "throttling_burst_limit" {
  type        = number
  description = "Burst of requests for the whole stage (default route settings)."
  default     = 200
}

variable "route_throttles" {
  type = object({
    search = object({ rate = number, burst = number })
    read   = object({ rate = number, burst = number })
    write  = object({ rate = number, burst = number })
  })
  description = "Requests per second and burst of each route of a class: search (GET /api/movies), read (other GETs), write (PUT/DELETE rating)."
  default = {
    search = { rate = 50, burst = 100 }
    read   = { rate = 100, burst = 200 }
    write  = { rate = 20, burst = 40 }
  }
}

variable "integration_timeout_ms" {
  type        = number
  description = "Milliseconds API Gateway waits for a function (at most 30000)."
  default     = 29000
}

variable "cognito_domain_prefix" {
  type        = string
  description = "Prefix of the Cognito hosted sign-in domain (<prefix>.auth.<region>.amazoncognito.com); globally unique."
}

variable "user_pool_deletion_protection" {
  type        = bool
  description = "Protect the user pool from deletion (true in prod)."
  default     = true
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the API access logs."
  default     = 30
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of this module."
  default     = {}
}

variable "waf_requests_per_ip_per_5_minutes" {
  type        = number
  description = "Requests one client address may send the API in 5 minutes before AWS WAF (on CloudFront) blocks it (at least 10)."
  default     = 2000

  validation {
    condition     = var.waf_requests_per_ip_per_5_minutes >= 10
    error_message = "AWS WAF rate-based rules take a limit of at least 10."
  }
}

variable "cloudfront_price_class" {
  type        = string
  description = "CloudFront price class of the API's distribution (PriceClass_100: North America and Europe edges)."
  default     = "PriceClass_100"
}

variable "origin_zone_id" {
  type        = string
  description = "Route53 hosted zone for origin_domain_name. With both set, CloudFront reaches the API at that private origin name and the default execute-api endpoint is disabled, so nothing bypasses AWS WAF. null: CloudFront uses the execute-api host name, which then stays reachable."
  default     = null
}

variable "origin_domain_name" {
  type        = string
  description = "Host name CloudFront uses to reach the API (e.g. api-origin.dev.movieratings.example.com), in origin_zone_id; nobody else needs it."
  default     = null

  validation {
    condition     = var.origin_domain_name == null || can(regex("^[a-z0-9.-]+$", var.origin_domain_name))
    error_message = "origin_domain_name must be a host name (lower-case letters, digits, dots and hyphens)."
  }
}
