import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { readFileSync, readdirSync } from "node:fs";
import { loadTree, expressionOf, TERRAFORM_ROOT } from "./lib/terraform-tree.mjs";
import {
  checkIamPolicies, checkPublicIngress, checkDatabase, checkLambdaFunctions, checkEventSourceMappings,
  checkQueues, checkInstanceMetadata, checkReadReplicaSources, checkAlarmTopics, checkReservedConcurrency,
} from "./lib/checks.mjs";
import { checkCatalogStep } from "./lib/pipeline-checks.mjs";

const tree = await loadTree();
const mod = (name) => tree.module(name);
const everywhere = (check) => tree.modules.flatMap((m) => check(m));
const first = (v) => (Array.isArray(v) ? v[0] : v);
const tfvars = (env) => tree.files.find((f) => f.path === resolve(TERRAFORM_ROOT, `live/${env}.tfvars`)).json;

test("no IAM policy allows the action \"*\" or \"service:*\", and every policy is a checked policy document", () => {
  const documents = tree.modules.flatMap((m) => m.dataSources("aws_iam_policy_document"));
  assert.ok(documents.length >= 20, `expected the policies to be policy documents, found ${documents.length}`);
  assert.deepEqual(everywhere(checkIamPolicies), []);
});

test("nothing is open to the internet except ports 80/443 of the load balancer", () => {
  assert.deepEqual(everywhere(checkPublicIngress), []);
  const open = mod("modules/frontend").resources("aws_vpc_security_group_ingress_rule").filter((r) => r.name === "alb_public");
  assert.equal(open.length, 1);
});

test("RDS is private, encrypted, backed up, deletion-protected, its password in Secrets Manager, reachable only from RDS Proxy", () => {
  const database = mod("modules/database");
  assert.ok(database.resources("aws_db_instance").length >= 1);
  assert.deepEqual(everywhere(checkDatabase), []);
  assert.ok(database.resources("aws_db_proxy").length === 1, "RDS Proxy is part of the database module");
  assert.equal(first(database.resources("aws_db_proxy")[0].body.require_tls), true);
  const prod = tfvars("prod");
  assert.equal(prod.db_deletion_protection, true, "prod protects the database from deletion");
  assert.equal(prod.db_multi_az, true, "prod runs Multi-AZ");
  assert.equal(prod.db_skip_final_snapshot, false);
});

test("every function runs java21 through FunctionInvoker with SnapStart, a live alias, in the VPC", () => {
  const functions = mod("modules/functions");
  assert.equal(functions.resources("aws_lambda_function").length, 1);
  assert.deepEqual(everywhere(checkLambdaFunctions), []);
});

test("the functions are exactly the five Spring Cloud Function beans, from the right jars", () => {
  const defined = functionsLocal();
  assert.deepEqual(
    Object.fromEntries(Object.entries(defined).map(([key, f]) => [key, `${f.artifact}:${f.definition}`])),
    {
      command: "command-api:ratingCommands",
      relay: "command-api:outboxRelay",
      query: "query-api:movieQueries",
      projector: "projection-worker:projectRatingEvents",
      ops: "ops-cli:projectionOps",
    },
  );
  assert.equal(defined.relay.reserved, "${var.relay_reserved_concurrency}");
  assert.equal(mod("modules/functions").variables().relay_reserved_concurrency.body.default, -1, "no reservation by default");
});

test("the functions get exactly the environment the Java side reads", () => {
  // per function, the keys its settings record reads (local-runtime's FunctionEnvironmentMatchesTerraformTest)
  const environment = mod("modules/functions").locals().common_environment.value;
  assert.deepEqual(Object.keys(environment).sort(), [
    "JAVA_TOOL_OPTIONS", "LOGGING_STRUCTURED_FORMAT_CONSOLE", "SPRING_DATASOURCE_URL",
  ]);
  const perFunction = mod("modules/functions").locals().function_environment.value;
  assert.deepEqual(Object.keys(perFunction.command).sort(), ["EVENT_BUS_NAME", "RATING_EVENTS_SOURCE"]);
  assert.deepEqual(Object.keys(perFunction.query).sort(), [
    "CURSOR_SIGNING_KEY_SECRET_ARN", "MIN_RATINGS_FOR_AVERAGE", "WEIGHTED_RATING_MIN_VOTES",
  ]);
  // m reaches every function that computes a weighted score: the query, the projector (the lists' stored scores)
  // and ops (a rebuild recomputes them) — one variable, so they cannot disagree
  assert.deepEqual(Object.keys(perFunction.projector), ["WEIGHTED_RATING_MIN_VOTES"]);
  for (const fn of ["query", "projector", "ops"]) {
    assert.equal(perFunction[fn].WEIGHTED_RATING_MIN_VOTES, "${tostring(var.weighted_rating_min_votes)}", fn);
  }
  assert.equal(environment.LOGGING_STRUCTURED_FORMAT_CONSOLE, "ecs");
  assert.equal(environment.JAVA_TOOL_OPTIONS, "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
  const fn = mod("modules/functions").resources("aws_lambda_function")[0];
  assert.match(first(fn.body.environment).variables, /SPRING_CLOUD_FUNCTION_DEFINITION\s*=\s*each\.value\.definition/);
  assert.match(first(fn.body.environment).variables, /DATABASE_SECRET_ARN\s*=\s*var\.database_secret_arns\[each\.key\]/);
  // the query function seals cursors with a key from a secret it alone may read (query-api reads the variable)
  assert.equal(perFunction.query.CURSOR_SIGNING_KEY_SECRET_ARN, "${aws_secretsmanager_secret.cursor_signing_key.arn}");
  const querySources = readdirSync(resolve(TERRAFORM_ROOT, "../query-api/src/main"), { recursive: true })
    .filter((f) => /\.(java|properties|ya?ml)$/.test(f))
    .map((f) => readFileSync(resolve(TERRAFORM_ROOT, "../query-api/src/main", f), "utf8"));
  assert.ok(querySources.some((text) => text.includes("CURSOR_SIGNING_KEY_SECRET_ARN")), "query-api reads CURSOR_SIGNING_KEY_SECRET_ARN");
  const grant = mod("modules/functions").resources("aws_iam_role_policy").find((r) => r.name === "read_cursor_signing_key").body;
  assert.equal(grant.role, '${aws_iam_role.this["query"].id}');
  assert.equal(mod("modules/functions").variables().rating_events_source.body.default, "movie-ratings.command-api");
  assert.equal(mod("modules/functions").variables().weighted_rating_min_votes.body.default, 50);
  assert.equal(mod("modules/functions").variables().min_ratings_for_average.body.default, 3);
});

test("the functions have no internet egress: only RDS Proxy, the VPC endpoints, and (ops) S3 through its gateway endpoint", () => {
  const functions = mod("modules/functions");
  const egress = functions.resources("aws_vpc_security_group_egress_rule");
  assert.equal(egress.length, 3);
  for (const rule of egress) {
    assert.equal(rule.body.cidr_ipv4, undefined, `${rule.name} must not use a CIDR`);
    assert.equal(rule.body.cidr_ipv6, undefined, `${rule.name} must not use a CIDR`);
    if (rule.name === "ops_to_s3") {
      assert.equal(rule.body.prefix_list_id, "${var.s3_prefix_list_id}");
      assert.equal(rule.body.security_group_id, '${aws_security_group.this["ops"].id}', "only ops reaches S3");
    } else {
      assert.match(String(rule.body.referenced_security_group_id), /^\$\{var\.(database_proxy|endpoint)_security_group_id\}$/);
    }
  }
  assert.equal(mod("live").moduleCalls().functions.body.s3_prefix_list_id, "${module.network.s3_prefix_list_id}");
  assert.deepEqual(mod("modules/network").variables().interface_endpoint_services.body.default.sort(), ["events", "lambda", "logs", "secretsmanager", "sqs"]);
});

// Without internet egress, an API the code may call but cannot reach fails only on AWS, at the first call (ops'
// projector-pause called the Lambda API with no endpoint for it). EC2's network-interface actions are used by the
// Lambda service to attach the function to the VPC, and kms:Decrypt only through Secrets Manager (kms:ViaService).
test("every AWS API a function's own role lets its code call is reachable from the VPC: an interface endpoint, or S3's gateway", () => {
  const functions = mod("modules/functions");
  const documents = new Map(functions.dataSources("aws_iam_policy_document").map((d) => [d.name, d.body]));
  const statementsOf = (body) => [
    ...(body.statement ?? []),
    ...(body.dynamic?.statement ?? []).flatMap((d) => d.content ?? []),
  ];
  const rolePolicies = functions.resources("aws_iam_role_policy").filter((p) => /aws_iam_role\.this\b/.test(String(p.body.role)));
  assert.ok(rolePolicies.length >= 6, `expected the functions' role policies, found ${rolePolicies.length}`);
  const services = new Set();
  for (const policy of rolePolicies) {
    const name = String(policy.body.policy).match(/data\.aws_iam_policy_document\.([a-z_]+)/)?.[1];
    assert.ok(documents.has(name), `${policy.name}: its policy is a policy document of this module`);
    for (const statement of statementsOf(documents.get(name))) {
      for (const action of statement.actions) {
        const service = action.split(":")[0];
        if (service === "kms") {
          assert.ok(first(statement.condition)?.variable === "kms:ViaService", `${policy.name}: kms only through a service`);
        } else if (service !== "ec2") {
          services.add(service);
        }
      }
    }
  }
  assert.ok(services.has("lambda") && services.has("sqs") && services.has("events"), [...services].join(", "));
  const endpoints = new Set(mod("modules/network").variables().interface_endpoint_services.body.default);
  assert.equal(mod("live").moduleCalls().network.body.interface_endpoint_services, undefined, "live keeps the default list");
  const unreachable = [...services].filter((s) => !endpoints.has(s) && s !== "s3");
  assert.deepEqual(unreachable, [], "services the functions may call without an endpoint to reach them");
  assert.equal(functions.resources("aws_vpc_security_group_egress_rule").find((r) => r.name === "ops_to_s3").body.prefix_list_id, "${var.s3_prefix_list_id}");
});

test("functions, database, proxy and migration job sit in the private subnets", () => {
  const calls = mod("live").moduleCalls();
  assert.equal(calls.functions.body.subnet_ids, "${module.network.private_subnet_ids}");
  assert.equal(calls.database.body.subnet_ids, "${module.network.private_subnet_ids}");
  assert.equal(calls.cicd.body.private_subnet_ids, "${module.network.private_subnet_ids}");
  assert.equal(calls.frontend.body.instance_subnet_ids, "${module.network.private_subnet_ids}");
  assert.equal(calls.frontend.body.public_subnet_ids, "${module.network.public_subnet_ids}");
  const fn = mod("modules/functions").resources("aws_lambda_function")[0];
  assert.equal(first(fn.body.vpc_config).subnet_ids, "${var.subnet_ids}");
});

test("the projector reads SQS in batches and reports partial batch failures", () => {
  const events = mod("modules/events");
  assert.equal(events.resources("aws_lambda_event_source_mapping").length, 1);
  assert.deepEqual(everywhere(checkEventSourceMappings), []);
  assert.equal(events.variables().batch_size.body.default, 10);
  const call = mod("live").moduleCalls().events.body;
  assert.equal(call.projector_function_arn, "${module.functions.projector_alias_arn}", "the mapping targets the live alias");
  const functions = mod("live").moduleCalls().functions.body;
  assert.equal(call.projector_timeout_seconds, functions.projector_timeout_seconds, "visibility follows the projector's real timeout");
});

test("queues are encrypted, redrive to a DLQ after 5 receives, visibility >= 6x the projector timeout; the rule has a DLQ and retries", () => {
  assert.deepEqual(everywhere(checkQueues), []);
  const events = mod("modules/events");
  assert.equal(events.variables().max_receive_count.body.default, 5);
  const pattern = expressionOf(events.resources("aws_cloudwatch_event_rule").find((r) => r.name === "rating_events").body.event_pattern);
  assert.match(pattern, /source\s*=\s*\[var\.rating_events_source\]/);
  assert.match(pattern, /"detail-type"\s*=\s*var\.rating_event_detail_types/);
  assert.deepEqual(events.variables().rating_event_detail_types.body.default, [
    "RatingSubmitted", "RatingRetracted", "RatingErased", "DiaryEntryLogged", "DiaryEntryEdited", "DiaryEntryDeleted",
    "MovieWatchlisted", "MovieUnwatchlisted", "ReviewMarkedHelpful", "ReviewUnmarkedHelpful", "MovieTagged",
    "MovieUntagged", "PersonErased",
  ]);
  assert.equal(events.resources("aws_cloudwatch_event_archive").length, 1);
  assert.ok(events.resources("aws_cloudwatch_metric_alarm").some((a) => a.name === "dlq_not_empty"));
});

test("web instances require IMDSv2 and have no SSH key; the ALB redirects HTTP to HTTPS", () => {
  assert.ok(mod("modules/frontend").resources("aws_launch_template").length === 1);
  assert.deepEqual(everywhere(checkInstanceMetadata), []);
  const listeners = Object.fromEntries(mod("modules/frontend").resources("aws_lb_listener").map((l) => [l.name, l.body]));
  assert.equal(first(first(listeners.http.default_action).redirect).protocol, "HTTPS");
  assert.equal(listeners.https.protocol, "HTTPS");
  assert.match(String(listeners.https.certificate_arn), /var\.certificate_arn/);
});

test("the API serves the v1 contract; writes and /api/me need the Cognito JWT; CORS allows the site only; throttled", () => {
  const api = mod("modules/api");
  const routes = api.locals().routes.value;
  // the diary's routes (issue 20) are listed apart, so each feature's routes stay one block
  const diary = ["DELETE /api/me/diary/{entryId}", "GET /api/me/diary", "GET /api/me/diary/{entryId}",
    "POST /api/me/diary", "PUT /api/me/diary/{entryId}"];
  const watchlist = ["DELETE /api/me/watchlist/{movieId}", "GET /api/me/profile/summary", "GET /api/me/watchlist",
    "PUT /api/me/watchlist/{movieId}"];
  const helpful = ["DELETE /api/movies/{id}/reviews/{reviewId}/helpful", "GET /api/me/helpful",
    "PUT /api/movies/{id}/reviews/{reviewId}/helpful"];
  const tags = ["DELETE /api/me/tags/{movieId}", "GET /api/me/tags", "POST /api/me/tags/{movieId}"];
  assert.deepEqual(Object.keys(routes).sort(), [
    "DELETE /api/me", "DELETE /api/movies/{id}/rating", "GET /api/me/export", "GET /api/me/profile",
    "GET /api/me/ratings", "GET /api/movies", "GET /api/movies/{id}", "GET /api/movies/{id}/history",
    "GET /api/movies/{id}/reviews", "GET /api/movies/{id}/similar", "PUT /api/me/profile", "PUT /api/movies/{id}/rating",
    ...diary,
    ...watchlist,
    ...helpful,
    ...tags,
  ].sort());
  const authorized = Object.entries(routes).filter(([, r]) => r.auth === true).map(([k]) => k).sort();
  assert.deepEqual(authorized, [
    "DELETE /api/me", "DELETE /api/movies/{id}/rating", "GET /api/me/export", "GET /api/me/profile",
    "GET /api/me/ratings", "PUT /api/me/profile", "PUT /api/movies/{id}/rating", ...diary, ...watchlist, ...helpful,
    ...tags,
  ].sort());
  for (const route of diary) {
    assert.equal(routes[route].target, route.startsWith("GET") ? "query" : "command", `${route}: reads query, writes command`);
  }
  for (const route of [...watchlist, ...tags]) {
    assert.equal(routes[route].target, route.startsWith("GET") ? "query" : "command", `${route}: reads query, writes command`);
  }
  for (const route of Object.keys(routes).filter((k) => k.includes("/api/me"))) {
    assert.equal(routes[route].auth, true, `${route} is the caller's own data: it needs the JWT`);
  }
  const authorizer = api.resources("aws_apigatewayv2_authorizer")[0].body;
  assert.equal(authorizer.authorizer_type, "JWT");
  assert.match(first(authorizer.jwt_configuration).issuer, /aws_cognito_user_pool\.this\.endpoint/);
  const cors = first(api.resources("aws_apigatewayv2_api")[0].body.cors_configuration);
  assert.doesNotMatch(JSON.stringify(cors.allow_origins), /"\*"/);
  assert.match(String(cors.allow_origins), /var\.site_origin/);
  const stage = api.resources("aws_apigatewayv2_stage")[0].body;
  assert.ok(first(stage.default_route_settings).throttling_rate_limit, "stage throttling");
  assert.ok(first(stage.access_log_settings).destination_arn, "access logs");
});

test("every log group has a retention", () => {
  const missing = tree.modules.flatMap((m) => m.resources("aws_cloudwatch_log_group").filter((g) => g.body.retention_in_days === undefined).map((g) => `${m.name}: ${g.name}`));
  assert.deepEqual(missing, []);
});

test("every function deployment and the site deployment roll back automatically on alarms", () => {
  const groups = tree.modules.flatMap((m) => m.resources("aws_codedeploy_deployment_group"));
  assert.equal(groups.length, 2);
  for (const group of groups) {
    const rollback = first(group.body.auto_rollback_configuration);
    assert.equal(rollback.enabled, true);
    assert.ok(rollback.events.includes("DEPLOYMENT_STOP_ON_ALARM"));
    assert.equal(first(group.body.alarm_configuration).enabled, true);
  }
});

function functionsLocal() {
  const value = mod("modules/functions").locals().functions.value;
  const out = {};
  for (const [key, fn] of Object.entries(value)) out[key] = fn;
  return out;
}

test("what AWS would refuse at apply: no replica of a managed-password source, alarms reach a topic CloudWatch can use, no reserved concurrency", () => {
  assert.deepEqual(everywhere(checkReadReplicaSources), []);
  assert.deepEqual(everywhere(checkReservedConcurrency), []);
  const loadModule = (dir) => tree.modules.find((m) => m.dir === dir);
  assert.deepEqual(checkAlarmTopics(mod("live"), loadModule), []);
  const topic = mod("live").resources("aws_sns_topic").find((t) => t.name === "alerts");
  assert.equal(topic.body.kms_master_key_id, "${aws_kms_key.alerts.arn}", "the alerts topic uses the customer-managed key");
  assert.ok(mod("live").resources("aws_sns_topic_subscription").some((s) => s.body.protocol === "email"), "an e-mail subscription");
});

test("one PostgreSQL role per function, each with its own secret; a function's IAM reads only its own; the migration job gets them all", () => {
  const database = mod("modules/database");
  assert.deepEqual(database.locals().database_roles.value, {
    owner: "movie_ratings_owner", command: "movie_ratings_command", relay: "movie_ratings_relay",
    projector: "movie_ratings_projector", query: "movie_ratings_query", ops: "movie_ratings_ops", analyst: "movie_ratings_analyst",
  });
  assert.equal(database.resources("aws_secretsmanager_secret").find((r) => r.name === "role").body.for_each, "${local.database_roles}");
  const proxy = database.resources("aws_db_proxy")[0].body;
  assert.equal(first(proxy.dynamic.auth).for_each, "${local.database_roles}", "RDS Proxy accepts every role");
  const runtime = mod("modules/functions").dataSources("aws_iam_policy_document").find((d) => d.name === "runtime").body;
  const secretStatements = runtime.statement.filter((s) => s.actions.includes("secretsmanager:GetSecretValue"));
  assert.deepEqual(secretStatements.map((s) => s.resources), [["${var.database_secret_arns[each.key]}"]]);
  assert.equal(mod("live").moduleCalls().functions.body.database_secret_arns, "${module.database.role_secret_arns}");
  const migrate = mod("modules/cicd").resources("aws_codebuild_project").find((p) => p.name === "migrate").body;
  const dynamicEnv = first(first(migrate.environment).dynamic.environment_variable);
  assert.equal(dynamicEnv.for_each, "${var.database_role_secret_arns}");
  assert.equal(first(dynamicEnv.content).name, "DATABASE_ROLE_SECRETS_${upper(environment_variable.key)}");
});

test("analysts reach the database only through a Session Manager tunnel: no inbound rule, no key, no public address", () => {
  const database = mod("modules/database");
  const tunnel = database.resources("aws_instance").find((i) => i.name === "analyst_tunnel").body;
  assert.equal(tunnel.associate_public_ip_address, false);
  assert.equal(tunnel.key_name, undefined);
  const inbound = database.resources("aws_vpc_security_group_ingress_rule").filter((r) => String(r.body.security_group_id).includes("analyst_tunnel"));
  assert.deepEqual(inbound, [], "nothing may connect to the tunnel");
  assert.equal(tfvars("prod").analyst_tunnel, true);
});

test("monitoring on AWS: Prometheus and Grafana on an instance nobody can connect to, fed by observability/, alerting the topic", () => {
  const observability = mod("modules/observability");
  const repo = resolve(TERRAFORM_ROOT, "..");
  const instance = observability.resources("aws_instance").find((i) => i.name === "monitoring").body;
  assert.equal(instance.associate_public_ip_address, false);
  const inbound = observability.resources("aws_vpc_security_group_ingress_rule").filter((r) => String(r.body.security_group_id).includes("aws_security_group.monitoring"));
  assert.deepEqual(inbound, [], "no inbound rule: operators come through Session Manager");
  const userData = readFileSync(resolve(observability.dir, "templates/monitoring-user-data.sh.tftpl"), "utf8");
  for (const service of ["prometheus", "grafana", "yace", "blackbox"]) assert.match(userData, new RegExp(service, "i"));
  assert.match(userData, /GF_SERVER_HTTP_ADDR=127\.0\.0\.1/, "Grafana listens on loopback only");
  assert.match(userData, /GF_AUTH_ANONYMOUS_ENABLED=false/);
  // The AWS Prometheus config of observability/ is what the instance runs, and its file_sd targets are written.
  const config = readFileSync(resolve(repo, "observability/prometheus/prometheus-aws.yml"), "utf8");
  assert.match(observability.locals().observability_files.value, /prometheus\/prometheus-aws\.yml/);
  assert.match(userData, /prometheus-aws\.yml/);
  for (const target of config.matchAll(/files: \["\/etc\/prometheus\/targets\/([a-z-]+\.json)"\]/g)) assert.ok(userData.includes(target[1]), `user-data writes ${target[1]}`);
  assert.match(config, /127\.0\.0\.1:9106/);
  assert.match(userData, /--listen-address=127\.0\.0\.1:9106/, "YACE listens where prometheus-aws.yml scrapes it");
  assert.match(config, /127\.0\.0\.1:9115/);
  assert.match(userData, /127\.0\.0\.1:9115/, "the blackbox exporter listens where the probe job expects it");
  const alertmanager = readFileSync(resolve(observability.dir, "templates/alertmanager.yml.tftpl"), "utf8");
  assert.match(alertmanager, /sns_configs:[\s\S]*topic_arn: \$\{topic_arn\}/);
  assert.equal(mod("live").moduleCalls().observability.body.alerts_topic_arn, "${aws_sns_topic.alerts.arn}");
  // Alarms on API latency and errors, database response time, projection lag and outbox backlog.
  const alarms = { ...observability.locals().alarms.value, ...observability.locals().aws_alarms.value };
  for (const key of ["api-latency", "api-5xx", "server-errors", "db-response-time", "projection-lag", "outbox-backlog", "outbox-stale"]) {
    assert.ok(alarms[key], `alarm ${key}`);
  }
  const yace = readFileSync(resolve(observability.dir, "templates/yace.yml.tftpl"), "utf8");
  assert.match(yace, /namespace: MovieRatings/);
});

/** Routes of the API module that go without the JWT authorizer, from the resource itself (not the local's flag). */
export function routesWithoutAuthorizer(api) {
  const route = api.resources("aws_apigatewayv2_route").find((r) => r.name === "this");
  const routes = api.locals().routes.value;
  const authorizationType = expressionOf(route.body.authorization_type);
  const authorizerId = expressionOf(route.body.authorizer_id);
  return Object.entries(routes)
    .filter(([, r]) => {
      // the resource says: authorization_type = each.value.auth ? "JWT" : "NONE", authorizer_id likewise
      const jwt = authorizationType === 'each.value.auth ? "JWT" : "NONE"' ? r.auth === true : authorizationType === "JWT";
      const authorizer = /^each\.value\.auth \? aws_apigatewayv2_authorizer\.cognito\.id : null$/.test(authorizerId) ? r.auth === true : /aws_apigatewayv2_authorizer\.cognito\.id/.test(authorizerId);
      return !(jwt && authorizer);
    })
    .map(([key]) => key)
    .sort();
}

test("every API route except the public reads (GET /api/movies...) requires the Cognito JWT authorizer", () => {
  const api = mod("modules/api");
  const open = routesWithoutAuthorizer(api);
  assert.ok(open.length > 0);
  for (const key of open) assert.match(key, /^GET \/api\/movies(\/|$)/, `${key} is reachable without a token`);
  assert.equal(api.resources("aws_apigatewayv2_authorizer").find((a) => a.name === "cognito").body.authorizer_type, "JWT");
});

test("each API route has its own throttle; the site's load balancer has a per-IP AWS WAF rate limit", () => {
  const api = mod("modules/api");
  const stage = api.resources("aws_apigatewayv2_stage")[0].body;
  assert.equal(first(stage.dynamic.route_settings).for_each, "${local.routes}", "a route_settings entry per route");
  const classes = Object.keys(api.variables().route_throttles.body.default);
  for (const [key, route] of Object.entries(api.locals().routes.value)) assert.ok(classes.includes(route.throttle), `${key}: throttle class ${route.throttle}`);
  const frontend = mod("modules/frontend");
  const acl = frontend.resources("aws_wafv2_web_acl").find((a) => a.name === "site").body;
  assert.equal(acl.scope, "REGIONAL");
  assert.match(acl.rule_json, /RateBasedStatement\s*=\s*\{[\s\S]*AggregateKeyType\s*=\s*"IP"/);
  assert.match(acl.rule_json, /Action\s*=\s*\{\s*Block/);
  const association = frontend.resources("aws_wafv2_web_acl_association")[0].body;
  assert.equal(association.resource_arn, "${aws_lb.this.arn}");
});

test("the API is called through CloudFront with a per-IP AWS WAF rate limit (HTTP APIs take no WAF), nothing cached", () => {
  const api = mod("modules/api");
  const acl = api.resources("aws_wafv2_web_acl").find((a) => a.name === "api").body;
  assert.equal(acl.scope, "CLOUDFRONT");
  assert.equal(acl.provider, "${aws.us_east_1}", "CloudFront web ACLs live in us-east-1");
  assert.match(acl.rule_json, /RateBasedStatement\s*=\s*\{[\s\S]*AggregateKeyType\s*=\s*"IP"/);
  const distribution = api.resources("aws_cloudfront_distribution").find((d) => d.name === "api").body;
  assert.equal(distribution.web_acl_id, "${aws_wafv2_web_acl.api.arn}");
  assert.match(first(distribution.origin).domain_name, /aws_apigatewayv2_api\.this\.api_endpoint/);
  const behavior = first(distribution.default_cache_behavior);
  assert.equal(behavior.cache_policy_id, "${local.caching_disabled_policy_id}");
  assert.equal(api.locals().caching_disabled_policy_id.value, "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "AWS's CachingDisabled policy");
  assert.equal(api.locals().all_viewer_except_host_header_id.value, "b689b0a8-53d0-40ab-baf2-68738e2966ac", "AWS's AllViewerExceptHostHeader policy");
  for (const method of ["GET", "OPTIONS", "PUT", "DELETE"]) assert.ok(behavior.allowed_methods.includes(method), method);
  const live = mod("live");
  assert.equal(live.moduleCalls().frontend.body.api_base_url, "${module.api.public_base_url}", "config.js names the distribution");
  assert.equal(first(live.moduleCalls().api.body.providers)["aws.us_east_1"], "${aws.us_east_1}");
});

test("network: a VPC with a public and a private subnet per AZ; private subnets leave only through NAT (one, or one per AZ)", () => {
  const network = mod("modules/network");
  const subnets = Object.fromEntries(network.resources("aws_subnet").map((s) => [s.name, s.body]));
  assert.equal(subnets.public.for_each, "${local.azs}");
  assert.equal(subnets.private.for_each, "${local.azs}");
  assert.equal(subnets.public.map_public_ip_on_launch, false, "nothing gets a public address by landing in a public subnet");
  const routes = Object.fromEntries(network.resources("aws_route").map((r) => [r.name, r.body]));
  assert.equal(routes.public_internet.gateway_id, "${aws_internet_gateway.this.id}");
  assert.match(routes.private_nat.nat_gateway_id, /aws_nat_gateway\.this\[var\.single_nat_gateway \? var\.availability_zones\[0\] : each\.key\]\.id/);
  assert.equal(routes.private_nat.gateway_id, undefined, "private subnets have no route to the internet gateway");
  assert.equal(tfvars("dev").single_nat_gateway, true);
  assert.equal(tfvars("prod").single_nat_gateway, false, "prod keeps a NAT per AZ");
});

test("Route53 (optional): a DNS-validated certificate and an alias record to the load balancer", () => {
  const dns = mod("modules/dns");
  assert.equal(dns.resources("aws_acm_certificate")[0].body.validation_method, "DNS");
  const site = dns.resources("aws_route53_record").find((r) => r.name === "site").body;
  assert.equal(site.type, "A");
  assert.equal(first(site.alias).name, "${var.alb_dns_name}");
  assert.equal(mod("live").moduleCalls().dns.body.count, "${var.route53_zone_id == null ? 0 : 1}");
});

test("the pipeline loads the catalog after the functions deploy and before the site; that step may invoke only the ops function", () => {
  assert.deepEqual(checkCatalogStep(mod("modules/cicd"), mod("live")), []);
  const catalog = mod("modules/cicd").resources("aws_codebuild_project").find((p) => p.name === "catalog").body;
  assert.equal(catalog.vpc_config, undefined, "it only calls the Lambda and S3 APIs: no VPC, no database credentials");
  assert.equal(mod("live").moduleCalls().functions.body.catalog_prefix, "${local.catalog_prefix}", "the ops function reads where the step writes");
  assert.equal(mod("live").moduleCalls().cicd.body.catalog_prefix, "${local.catalog_prefix}");
});
