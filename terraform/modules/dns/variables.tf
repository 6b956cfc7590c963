variable "zone_id" {
  type        = string
  description = "ID of the Route53 hosted zone that holds domain_name."
}

variable "domain_name" {
  type        = string
  description = "Host name of the site, e.g. movieratings.example.com or dev.movieratings.example.com."
}

variable "alb_dns_name" {
  type        = string
  description = "DNS name of the load balancer the record points to."
}

variable "alb_zone_id" {
  type        = string
  description = "Hosted zone ID of the load balancer (alias target)."
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of this module."
  default     = {}
}
