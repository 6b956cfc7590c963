output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "IDs of the public subnets (load balancer, NAT gateways), one per AZ."
  value       = [for subnet in aws_subnet.public : subnet.id]
}

output "private_subnet_ids" {
  description = "IDs of the private subnets (functions, RDS, RDS Proxy, frontend instances, CodeBuild), one per AZ."
  value       = [for subnet in aws_subnet.private : subnet.id]
}

output "private_route_table_ids" {
  description = "IDs of the private route tables."
  value       = [for table in aws_route_table.private : table.id]
}

output "endpoint_security_group_id" {
  description = "Security group of the interface VPC endpoints; clients open egress 443 to it."
  value       = aws_security_group.endpoints.id
}

output "nat_public_ips" {
  description = "Public IPs of the NAT gateways (the egress addresses of the private subnets)."
  value       = [for eip in aws_eip.nat : eip.public_ip]
}

output "s3_prefix_list_id" {
  description = "Prefix list of S3 behind the gateway endpoint (security groups allow 443 to it, not the internet)."
  value       = aws_vpc_endpoint.s3.prefix_list_id
}
