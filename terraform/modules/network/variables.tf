variable "name" {
  type        = string
  description = "Name prefix for every resource, e.g. movie-ratings-dev."
}

variable "cidr_block" {
  type        = string
  description = "IPv4 CIDR block of the VPC. A /16 leaves room for three /24 public and three /20 private subnets."
  default     = "10.20.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) <= 16
    error_message = "cidr_block must be a valid IPv4 CIDR of size /16 or larger."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Availability zones to spread the subnets over (two or three)."

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 3
    error_message = "Use two or three availability zones."
  }
}

variable "single_nat_gateway" {
  type        = bool
  description = "true: one NAT gateway shared by all private subnets (cheaper, one AZ is a single point of failure for egress). false: one NAT gateway per AZ."
  default     = false
}

variable "interface_endpoint_services" {
  type        = list(string)
  description = "AWS services reached through interface VPC endpoints, so the functions need no internet egress."
  default     = ["sqs", "events", "secretsmanager", "logs", "lambda"]
}

variable "flow_logs_retention_days" {
  type        = number
  description = "Retention of the VPC flow logs in CloudWatch Logs; 0 turns flow logs off."
  default     = 30
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource of this module."
  default     = {}
}
