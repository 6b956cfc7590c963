# Placeholder, deliberately empty: the observability issue fills this module (Prometheus + Grafana on
# AWS, blackbox and CloudWatch exporters, node exporter discovery, more alarms). Its inputs are already
# wired from the environment roots, so filling it changes no other module.
#
# Alarms that exist today live next to what they watch: function errors (functions), projection DLQ,
# rule delivery DLQ and queue age (events), unhealthy hosts and 5xx (frontend).
