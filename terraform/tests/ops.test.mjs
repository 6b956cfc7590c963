import { test } from "node:test";
import assert from "node:assert/strict";
import { loadTree, expressionOf } from "./lib/terraform-tree.mjs";

// What the ops function may do to the pipeline (issue 17): pause and resume the projector, read the DLQ's
// depth, hand events back to the projector's queue; and the alarm for a stalled projection.
const tree = await loadTree();
const mod = (name) => tree.module(name);
const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const first = (v) => (Array.isArray(v) ? v[0] : v);
const policy = (name) => mod("modules/functions").dataSources("aws_iam_policy_document").find((d) => d.name === name);
const statements = (doc) => list(doc.body.statement).map((s) => ({ ...s, actions: list(s.actions), resources: list(s.resources) }));

test("the ops function knows the projector's live alias, its queue and DLQ, m of the lists' scores, and nothing else", () => {
  const ops = mod("modules/functions").locals().function_environment.value.ops;
  assert.deepEqual(Object.keys(ops).sort(), [
    "PROJECTION_DLQ_URL", "PROJECTION_QUEUE_URL", "PROJECTOR_FUNCTION_ARN", "WEIGHTED_RATING_MIN_VOTES",
  ]);
  assert.equal(ops.PROJECTOR_FUNCTION_ARN, "${local.projector_live_arn}");
  assert.equal(mod("modules/functions").locals().projector_live_arn.value, '${local.function_arns["projector"]}:live');
  assert.equal(mod("modules/functions").resources("aws_lambda_alias")[0].body.name, "live", "the alias the ARN names");
});

test("ops may read the DLQ's depth and send to the projector's queue: exactly the SQS rights it uses", () => {
  const doc = statements(policy("ops_projection_queues"));
  assert.deepEqual(doc.map((s) => [s.actions, s.resources]), [
    [["sqs:GetQueueAttributes"], ["${var.projection_dlq_arn}"]],
    [["sqs:SendMessage"], ["${var.projection_queue_arn}"]],
  ]);
  const attached = mod("modules/functions").resources("aws_iam_role_policy").filter((r) => String(r.body.policy).includes("ops_projection_queues"));
  assert.deepEqual(attached.map((r) => r.body.role), ['${aws_iam_role.this["ops"].id}']);
  const everyOpsAction = mod("modules/functions").resources("aws_iam_role_policy")
    .filter((r) => r.body.role === '${aws_iam_role.this["ops"].id}')
    .flatMap((r) => statements(policy(String(r.body.policy).match(/aws_iam_policy_document\.([a-z0-9_]+)\./)[1])))
    .flatMap((s) => s.actions)
    .filter((a) => a.startsWith("sqs:"));
  assert.deepEqual(everyOpsAction.sort(), ["sqs:GetQueueAttributes", "sqs:SendMessage"], "no receive, delete or move");
});

test("ops may switch only an event source mapping that feeds the projector's live alias", () => {
  const [find, update] = statements(policy("ops_projector_switch"));
  assert.deepEqual(find.actions, ["lambda:ListEventSourceMappings"]);
  assert.deepEqual(update.actions, ["lambda:UpdateEventSourceMapping"]);
  assert.match(update.resources[0], /^arn:aws:lambda:\$\{data\.aws_region\.current\.region\}:\$\{data\.aws_caller_identity\.current\.account_id\}:event-source-mapping:\*$/);
  const condition = first(update.condition);
  assert.equal(condition.test, "StringEquals");
  assert.equal(condition.variable, "lambda:FunctionArn");
  assert.deepEqual(list(condition.values), ["${local.projector_live_arn}"]);
  const attached = mod("modules/functions").resources("aws_iam_role_policy").find((r) => r.name === "ops_projector_switch");
  assert.equal(attached.body.role, '${aws_iam_role.this["ops"].id}');
});

test("a paused projector stays paused through an apply: the mapping's enabled flag is the operators'", () => {
  const mapping = mod("modules/events").resources("aws_lambda_event_source_mapping").find((r) => r.name === "projector");
  const ignored = list(first(mapping.body.lifecycle).ignore_changes).map((v) => String(v).replace(/^\$\{(.*)\}$/, "$1"));
  assert.deepEqual(ignored, ["enabled"]);
});

test("CloudWatch alarms when the watermark has not moved for 5 minutes while events wait above it", () => {
  const alarm = mod("modules/observability").resources("aws_cloudwatch_metric_alarm").find((r) => r.name === "projection_stalled").body;
  const queries = Object.fromEntries(list(alarm.metric_query).map((q) => [q.id, q]));
  assert.equal(queries.stalled.expression, "IF(gap > 0 AND highest - lowest == 0, 1, 0)");
  assert.equal(queries.stalled.return_data, true);
  const metric = (id) => first(queries[id].metric);
  assert.deepEqual(
    ["gap", "highest", "lowest"].map((id) => [metric(id).metric_name, metric(id).stat, metric(id).period, metric(id).dimensions.function]),
    [
      ["movie_ratings_projection_position_gap_events", "Minimum", 300, "relay"],
      ["movie_ratings_projection_watermark_position", "Maximum", 300, "relay"],
      ["movie_ratings_projection_watermark_position", "Minimum", 300, "relay"],
    ],
  );
  assert.equal(alarm.threshold, 1);
  assert.equal(alarm.comparison_operator, "GreaterThanOrEqualToThreshold");
  assert.equal(alarm.alarm_actions, "${var.alarm_actions}");
  assert.match(alarm.alarm_description, /docs\/operations\.md/);
});

test("with a hosted zone, CloudFront reaches the API by its own origin name and the execute-api endpoint is off", () => {
  const api = mod("modules/api");
  assert.equal(api.locals().private_origin.value, "${var.origin_zone_id != null && var.origin_domain_name != null}");
  const http = api.resources("aws_apigatewayv2_api").find((r) => r.name === "this").body;
  assert.equal(http.disable_execute_api_endpoint, "${local.private_origin}", "off exactly when CloudFront has another way in");
  const origin = first(api.resources("aws_cloudfront_distribution").find((d) => d.name === "api").body.origin);
  assert.equal(origin.domain_name, '${local.private_origin ? aws_apigatewayv2_domain_name.origin[0].domain_name : trimprefix(aws_apigatewayv2_api.this.api_endpoint, "https://")}');
  assert.equal(first(origin.custom_origin_config).origin_protocol_policy, "https-only");
  const domain = api.resources("aws_apigatewayv2_domain_name").find((r) => r.name === "origin").body;
  assert.equal(domain.count, "${local.private_origin ? 1 : 0}");
  const configuration = first(domain.domain_name_configuration);
  assert.equal(configuration.endpoint_type, "REGIONAL");
  assert.equal(configuration.security_policy, "TLS_1_2");
  assert.equal(configuration.certificate_arn, "${aws_acm_certificate_validation.origin[0].certificate_arn}", "a validated certificate");
  const mapping = api.resources("aws_apigatewayv2_api_mapping").find((r) => r.name === "origin").body;
  assert.equal(mapping.stage, "${aws_apigatewayv2_stage.default.id}");
  assert.equal(mapping.domain_name, "${aws_apigatewayv2_domain_name.origin[0].id}");
  const record = api.resources("aws_route53_record").find((r) => r.name === "origin").body;
  assert.equal(first(record.alias).name, "${aws_apigatewayv2_domain_name.origin[0].domain_name_configuration[0].target_domain_name}");
  assert.equal(api.resources("aws_acm_certificate").find((r) => r.name === "origin").body.validation_method, "DNS");
  const call = mod("live").moduleCalls().api.body;
  assert.equal(call.origin_zone_id, "${var.route53_zone_id}");
  assert.equal(call.origin_domain_name, '${var.route53_zone_id == null ? null : "api-origin.${var.domain_name}"}');
});

// An erasure's identity provider user (issue 16): each PersonErased starts a Step Functions execution that deletes
// the person's Cognito user; nothing else may touch the pool, and nothing else may start the execution.
test("an erasure's PersonErased deletes the Cognito user by its sub: only AdminDeleteUser, only on the app's pool", () => {
  const events = mod("modules/events");
  const doc = (name) => statements(events.dataSources("aws_iam_policy_document").find((d) => d.name === name));
  assert.deepEqual(doc("delete_identity_user").map((s) => [s.actions, s.resources, s.condition]), [
    [["cognito-idp:AdminDeleteUser"], ["${var.user_pool_arn}"], undefined],
  ]);
  assert.deepEqual(doc("start_identity_deletion").map((s) => [s.actions, s.resources]), [
    [["states:StartExecution"], ["${aws_sfn_state_machine.delete_identity_user.arn}"]],
  ]);
  const everyCognitoRight = tree.modules
    .flatMap((m) => m.dataSources("aws_iam_policy_document").flatMap((d) => statements(d)))
    .flatMap((s) => s.actions.filter((a) => a.startsWith("cognito-idp:")).map((a) => [a, s.resources]));
  assert.deepEqual(everyCognitoRight, [["cognito-idp:AdminDeleteUser", ["${var.user_pool_arn}"]]], "no other right on any pool");
  const roles = Object.fromEntries(events.resources("aws_iam_role_policy").map((r) => [r.name, r.body.role]));
  assert.equal(roles.delete_identity_user, "${aws_iam_role.delete_identity_user.id}");
  assert.equal(roles.start_identity_deletion, "${aws_iam_role.start_identity_deletion.id}");
  const call = mod("live").moduleCalls().events.body;
  assert.equal(call.user_pool_arn, "${module.api.user_pool_arn}");
  assert.equal(call.user_pool_id, "${module.api.user_pool_id}");

  const rule = events.resources("aws_cloudwatch_event_rule").find((r) => r.name === "person_erased").body;
  const pattern = expressionOf(rule.event_pattern);
  assert.match(pattern, /"detail-type"\s*=\s*\["PersonErased"\]/);
  assert.match(pattern, /source\s*=\s*\[var\.rating_events_source\]/);
  const target = events.resources("aws_cloudwatch_event_target").find((r) => r.name === "person_erased").body;
  assert.equal(target.arn, "${aws_sfn_state_machine.delete_identity_user.arn}");
  assert.equal(target.role_arn, "${aws_iam_role.start_identity_deletion.arn}");

  const definition = expressionOf(events.resources("aws_sfn_state_machine").find((r) => r.name === "delete_identity_user").body.definition);
  assert.match(definition, /Resource\s*=\s*"arn:aws:states:::aws-sdk:cognitoidentityprovider:adminDeleteUser"/);
  assert.match(definition, /UserPoolId\s*=\s*var\.user_pool_id/);
  assert.match(definition, /"Username\.\$"\s*=\s*"\$\.detail\.userId"/, "the sub the event carries, never an e-mail");
  assert.match(definition, /ErrorEquals\s*=\s*\["CognitoIdentityProvider\.UserNotFoundException"\]\s*Next\s*=\s*"AlreadyGone"/, "a user already gone is done");
  assert.match(definition, /AlreadyGone\s*=\s*\{\s*Type\s*=\s*"Succeed"/);

  const failed = events.resources("aws_cloudwatch_metric_alarm").find((r) => r.name === "identity_deletion_failed")?.body;
  assert.ok(failed, "a failed deletion leaves the e-mail in Cognito: it must page");
  assert.equal(failed.namespace, "AWS/States");
  assert.equal(failed.metric_name, "ExecutionsFailed");
  assert.equal(first(failed.dimensions).StateMachineArn, "${aws_sfn_state_machine.delete_identity_user.arn}");
  assert.equal(failed.alarm_actions, "${var.alarm_actions}");
});
