#!/usr/bin/env bash
# Static checks of observability/: promtool checks the Prometheus configs and rules and runs the alert
# rule unit tests; every dashboard is valid JSON whose panels all query the provisioned datasource.
# (The panel queries themselves run against a real Prometheus in local-runtime's
# DashboardQueriesAgainstPrometheusIntegrationTest.) Installs Debian's prometheus package when promtool is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool missing: installing Debian's prometheus package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

promtool check config prometheus/prometheus.yml
# the AWS config names file_sd files that exist only on the monitoring instance: a syntax check is what we can do here
promtool check config --syntax-only prometheus/prometheus-aws.yml
promtool check rules prometheus/rules/*.yml
promtool test rules prometheus/tests/*.test.yml

python3 - <<'PY'
import json, pathlib, sys
problems = []
for path in sorted(pathlib.Path("grafana/dashboards").glob("*.json")):
    dashboard = json.loads(path.read_text())
    if not dashboard.get("uid") or not dashboard.get("panels"):
        problems.append(f"{path}: needs a uid and panels")
    ids = [p["id"] for p in dashboard["panels"]]
    if len(ids) != len(set(ids)):
        problems.append(f"{path}: panel ids repeat")
    for panel in dashboard["panels"]:
        if panel.get("datasource", {}).get("uid") != "prometheus":
            problems.append(f"{path}: panel {panel['title']!r} does not use the provisioned datasource (uid prometheus)")
        if not panel.get("targets") or not all(t.get("expr") for t in panel["targets"]):
            problems.append(f"{path}: panel {panel['title']!r} has a target without a query")
    print(f"{path}: {len(dashboard['panels'])} panels, {sum(len(p['targets']) for p in dashboard['panels'])} queries")
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
PY
echo "observability checks passed"
