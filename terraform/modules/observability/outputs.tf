# No outputs yet: see main.tf and README.md.
