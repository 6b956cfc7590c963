output "certificate_arn" {
  description = "ARN of the validated ACM certificate for domain_name."
  value       = aws_acm_certificate_validation.this.certificate_arn
}

output "fqdn" {
  description = "Fully qualified name of the site record."
  value       = aws_route53_record.site.fqdn
}
