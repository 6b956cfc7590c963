output "alb_arn" {
  description = "ARN of the Application Load Balancer."
  value       = aws_lb.this.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the load balancer (CloudWatch dimension)."
  value       = aws_lb.this.arn_suffix
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Route53 hosted zone of the load balancer (for alias records)."
  value       = aws_lb.this.zone_id
}

output "target_group_arn" {
  description = "ARN of the web target group."
  value       = aws_lb_target_group.web.arn
}

output "autoscaling_group_name" {
  description = "Name of the web Auto Scaling group."
  value       = aws_autoscaling_group.web.name
}

output "instance_role_arn" {
  description = "ARN of the web instances' role."
  value       = aws_iam_role.instance.arn
}

output "codedeploy_app_name" {
  description = "CodeDeploy application (compute platform Server) of the site."
  value       = aws_codedeploy_app.this.name
}

output "deployment_group_name" {
  description = "CodeDeploy deployment group of the web instances."
  value       = aws_codedeploy_deployment_group.this.deployment_group_name
}

output "site_config_parameter_name" {
  description = "SSM parameter holding the JSON behind /config.js."
  value       = aws_ssm_parameter.site_config.name
}

output "instance_security_group_id" {
  description = "Security group of the web instances (the monitoring instance scrapes their node exporter)."
  value       = aws_security_group.instance.id
}
