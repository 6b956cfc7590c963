// The checks themselves, against small modules that break each rule: proof that the policy tests can fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFile, moduleFromSources } from "./lib/terraform-tree.mjs";
import {
  checkIamPolicies, checkPublicIngress, checkDatabase, checkLambdaFunctions, checkEventSourceMappings, checkQueues,
  checkInstanceMetadata, checkVariablesDeclared, checkReferences, checkModuleCalls, checkUnusedDeclarations, findDependencyCycles, HANDLER,
  checkReadReplicaSources, checkAlarmTopics, checkReservedConcurrency,
} from "./lib/checks.mjs";
import { checkCatalogStep } from "./lib/pipeline-checks.mjs";

const problemsOf = async (check, main, extra = {}) => check(await moduleFromSources("modules/fixture", { "main.tf": main, ...extra }));
const one = (problems, pattern) => {
  assert.equal(problems.length, 1, `expected one problem, got ${JSON.stringify(problems)}`);
  assert.match(problems[0], pattern);
};

test("a syntax error is reported with file and line", async () => {
  await assert.rejects(parseFile("/tmp/broken.tf", 'resource "aws_sqs_queue" "q" {\n  name = \n}\n'), /broken\.tf:2/);
});

test("an IAM statement allowing \"*\" or \"sqs:*\" is caught; a Deny with sqs:* is fine", async () => {
  one(await problemsOf(checkIamPolicies, 'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["*"]\n    resources = ["arn:aws:sqs:eu-west-1:123456789012:q"]\n  }\n}\n'), /wildcard action "\*"/);
  one(await problemsOf(checkIamPolicies, 'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["sqs:SendMessage", "sqs:*"]\n    resources = ["arn:aws:sqs:eu-west-1:123456789012:q"]\n  }\n}\n'), /"sqs:\*"/);
  assert.deepEqual(await problemsOf(checkIamPolicies, 'data "aws_iam_policy_document" "p" {\n  statement {\n    effect    = "Deny"\n    actions   = ["sqs:*"]\n    resources = ["arn:aws:sqs:eu-west-1:123456789012:q"]\n  }\n}\n'), []);
  one(await problemsOf(checkIamPolicies, 'data "aws_iam_policy_document" "p" {\n  dynamic "statement" {\n    for_each = [1]\n    content {\n      actions   = ["kms:*"]\n      resources = ["arn:aws:sqs:eu-west-1:123456789012:q"]\n    }\n  }\n}\n'), /"kms:\*"/);
});

test("a policy written as inline JSON bypasses nothing", async () => {
  one(await problemsOf(checkIamPolicies, 'resource "aws_iam_role_policy" "p" {\n  role   = "r"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n'), /must come from an aws_iam_policy_document/);
});

test("a statement granting scoped actions on Resource \"*\" is caught; network-interface actions that have no resource type pass", async () => {
  const doc = (actions) => `data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ${JSON.stringify(actions)}\n    resources = ["*"]\n  }\n}\n`;
  one(await problemsOf(checkIamPolicies, doc(["secretsmanager:GetSecretValue"])), /grants secretsmanager:GetSecretValue on Resource "\*"/);
  one(await problemsOf(checkIamPolicies, doc(["ec2:DescribeSubnets", "s3:GetObject"])), /grants s3:GetObject on Resource "\*"/);
  assert.deepEqual(await problemsOf(checkIamPolicies, doc(["ec2:CreateNetworkInterface", "ec2:DescribeSubnets"])), []);
  const keyPolicy = 'resource "aws_kms_key" "k" {\n  policy = data.aws_iam_policy_document.p.json\n}\n\n';
  assert.deepEqual(await problemsOf(checkIamPolicies, keyPolicy + doc(["kms:Decrypt"])), [], "in a key policy, * is the key itself");
});

test("attaching AdministratorAccess (or any managed policy off the allow-list) is caught", async () => {
  const attachment = (arn) => `resource "aws_iam_role_policy_attachment" "a" {\n  role       = aws_iam_role.r.name\n  policy_arn = "${arn}"\n}\n`;
  one(await problemsOf(checkIamPolicies, attachment("arn:aws:iam::aws:policy/AdministratorAccess")), /attaches "arn:aws:iam::aws:policy\/AdministratorAccess"/);
  one(await problemsOf(checkIamPolicies, attachment("arn:aws:iam::aws:policy/PowerUserAccess")), /PowerUserAccess/);
  one(await problemsOf(checkIamPolicies, 'resource "aws_iam_role" "r" {\n  name                = "r"\n  assume_role_policy  = data.aws_iam_policy_document.assume.json\n  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonS3FullAccess"]\n}\n'), /AmazonS3FullAccess/);
  one(await problemsOf(checkIamPolicies, 'resource "aws_iam_user_policy_attachment" "u" {\n  user       = "u"\n  policy_arn = var.policy\n}\n'), /aws_iam_user_policy_attachment\.u attaches/);
  assert.deepEqual(await problemsOf(checkIamPolicies, attachment("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")), []);
  assert.deepEqual(await problemsOf(checkIamPolicies, 'resource "aws_iam_role_policy_attachment" "a" {\n  role       = "r"\n  policy_arn = aws_iam_policy.own.arn\n}\n\nresource "aws_iam_policy" "own" {\n  policy = data.aws_iam_policy_document.p.json\n}\n'), []);
});

test("SSH (or anything but 80/443 on the ALB) open to the world is caught", async () => {
  one(await problemsOf(checkPublicIngress, 'resource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = aws_security_group.alb.id\n  ip_protocol       = "tcp"\n  from_port         = 22\n  to_port           = 22\n  cidr_ipv4         = "0.0.0.0/0"\n}\n'), /opens 0\.0\.0\.0\/0 on 22-22/);
  one(await problemsOf(checkPublicIngress, 'resource "aws_vpc_security_group_ingress_rule" "web" {\n  security_group_id = aws_security_group.instance.id\n  ip_protocol       = "tcp"\n  from_port         = 443\n  to_port           = 443\n  cidr_ipv6         = "::/0"\n}\n'), /opens ::\/0 on 443-443/);
  one(await problemsOf(checkPublicIngress, 'resource "aws_vpc_security_group_ingress_rule" "r" {\n  for_each = {\n    a = { port = 443 }\n    b = { port = 5432 }\n  }\n  security_group_id = aws_security_group.alb.id\n  from_port         = each.value.port\n  to_port           = each.value.port\n  cidr_ipv4         = "0.0.0.0/0"\n}\n'), /\["b"\] opens 0\.0\.0\.0\/0 on 5432/);
});

const database = (overrides) => `resource "aws_db_instance" "this" {
  publicly_accessible         = ${overrides.public ?? false}
  storage_encrypted           = ${overrides.encrypted ?? true}
  manage_master_user_password = true
  backup_retention_period     = 7
  deletion_protection         = var.deletion_protection
  vpc_security_group_ids      = [aws_security_group.database.id]
}

resource "aws_vpc_security_group_ingress_rule" "db" {
  security_group_id            = aws_security_group.database.id
  ${overrides.source ?? "referenced_security_group_id = aws_security_group.proxy.id"}
}
`;

test("a public, unencrypted or widely reachable database is caught", async () => {
  assert.deepEqual(await problemsOf(checkDatabase, database({})), []);
  one(await problemsOf(checkDatabase, database({ public: true })), /publicly_accessible must be false/);
  one(await problemsOf(checkDatabase, database({ encrypted: false })), /storage_encrypted must be true/);
  const problems = await problemsOf(checkDatabase, database({ source: 'cidr_ipv4 = "10.0.0.0/8"' }));
  assert.ok(problems.some((p) => /not a CIDR/.test(p)) && problems.some((p) => /only from RDS Proxy/.test(p)), JSON.stringify(problems));
});

const lambda = (runtime, snap = "PublishedVersions") => `resource "aws_lambda_function" "f" {
  runtime = "${runtime}"
  handler = "${HANDLER}"
  publish = true
  snap_start {
    apply_on = "${snap}"
  }
  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.f.id]
  }
  environment {
    variables = { A = "b" }
  }
  logging_config {
    log_group = aws_cloudwatch_log_group.f.name
  }
}
`;

test("a function on another runtime or without SnapStart is caught", async () => {
  assert.deepEqual(await problemsOf(checkLambdaFunctions, lambda("java21")), []);
  one(await problemsOf(checkLambdaFunctions, lambda("java17")), /runtime must be java21/);
  one(await problemsOf(checkLambdaFunctions, lambda("java21", "None")), /SnapStart/);
});

test("an SQS mapping without partial batch failure reporting is caught", async () => {
  one(await problemsOf(checkEventSourceMappings, 'resource "aws_lambda_event_source_mapping" "m" {\n  batch_size                         = 10\n  maximum_batching_window_in_seconds = 1\n}\n'), /ReportBatchItemFailures/);
});

const queue = (visibility, extra = "") => `resource "aws_sqs_queue" "dlq" {
  sqs_managed_sse_enabled = true
}

resource "aws_sqs_queue" "this" {
  visibility_timeout_seconds = ${visibility}
  ${extra}
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = 5
  })
}
`;

test("a queue with too short a visibility timeout, no encryption or no DLQ is caught", async () => {
  assert.deepEqual(await problemsOf(checkQueues, queue("6 * var.projector_timeout_seconds", "sqs_managed_sse_enabled = true")), []);
  one(await problemsOf(checkQueues, queue("5 * var.projector_timeout_seconds", "sqs_managed_sse_enabled = true")), /at least 6 x/);
  one(await problemsOf(checkQueues, queue("30", "sqs_managed_sse_enabled = true")), /at least 6 x/);
  one(await problemsOf(checkQueues, queue("6 * var.projector_timeout_seconds")), /encryption/);
  one(await problemsOf(checkQueues, 'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled    = true\n  visibility_timeout_seconds = 6 * var.projector_timeout_seconds\n}\n'), /redrive policy/);
});

test("a launch template allowing IMDSv1 is caught", async () => {
  one(await problemsOf(checkInstanceMetadata, 'resource "aws_launch_template" "t" {\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\n'), /IMDSv2/);
});

test("a variable without type or description is caught", async () => {
  const problems = await problemsOf(checkVariablesDeclared, 'variable "a" {\n  default = 1\n}\n');
  assert.equal(problems.length, 2);
});

test("an unresolved reference or a wrong module call is caught", async () => {
  const module = await moduleFromSources("modules/fixture", {
    "main.tf": 'resource "aws_sqs_queue" "q" {\n  name = "${var.missing}-${local.nope}"\n  tags = aws_sns_topic.none.tags\n}\n\nmodule "network" {\n  source  = "../network"\n  name    = "x"\n  unknown = 1\n}\n\noutput "o" {\n  value = module.network.no_such_output\n}\n',
  });
  const { loadTree } = await import("./lib/terraform-tree.mjs");
  const tree = await loadTree();
  const loadModule = (dir) => tree.modules.find((m) => m.dir === dir);
  const references = await checkReferences(module, loadModule);
  assert.ok(references.some((p) => /var\.missing/.test(p)), JSON.stringify(references));
  assert.ok(references.some((p) => /local\.nope/.test(p)));
  assert.ok(references.some((p) => /aws_sns_topic\.none/.test(p)));
  assert.ok(references.some((p) => /no output "no_such_output"/.test(p)));
  const calls = checkModuleCalls(module, loadModule);
  assert.ok(calls.some((p) => /passes "unknown"/.test(p)), JSON.stringify(calls));
  assert.ok(calls.some((p) => /required "availability_zones"/.test(p)));
});

test("an unused variable, local or data source is caught", async () => {
  const problems = await problemsOf(checkUnusedDeclarations, 'variable "unused" {\n  type        = string\n  description = "never referenced"\n}\n\nlocals {\n  spare = 1\n}\n\ndata "aws_region" "current" {}\n');
  assert.equal(problems.length, 3, JSON.stringify(problems));
});

test("a reference inside a for expression's body is checked too; the names it binds are not references", async () => {
  const module = await moduleFromSources("modules/fixture", {
    "main.tf": 'locals {\n  ok  = { for key, item in var.items : key => item.name }\n  bad = [for item in var.items : local.missing[item.name]]\n}\n\nvariable "items" {\n  type        = map(object({ name = string }))\n  description = "some items"\n}\n',
  });
  const problems = await checkReferences(module, () => undefined);
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.match(problems[0], /local\.missing/);
});

test("a dependency cycle, also one through a for expression, is caught", async () => {
  const module = await moduleFromSources("live-fixture", {
    "main.tf": 'resource "aws_sqs_queue" "a" {\n  name = aws_sqs_queue.b.name\n}\n\nresource "aws_sqs_queue" "b" {\n  tags = { for k, v in var.t : k => aws_sqs_queue.a.arn }\n}\n\nvariable "t" {\n  type        = map(string)\n  description = "some tags"\n}\n',
  });
  const cycles = await findDependencyCycles(module, () => undefined);
  assert.equal(cycles.length, 1, JSON.stringify(cycles));
  assert.match(cycles[0], /aws_sqs_queue\.a -> aws_sqs_queue\.b -> aws_sqs_queue\.a/);
});

const replica = (managed) => `resource "aws_db_instance" "primary" {
  manage_master_user_password = ${managed}
}

resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.primary.identifier
}
`;

test("a read replica of a source whose master password RDS manages is caught (RDS refuses to create it)", async () => {
  one(await problemsOf(checkReadReplicaSources, replica("true")), /replicates aws_db_instance\.primary, whose master password RDS manages/);
  one(await problemsOf(checkReadReplicaSources, replica("var.managed")), /RDS refuses/);
  assert.deepEqual(await problemsOf(checkReadReplicaSources, replica("false")), []);
});

const alarmRoot = (topic, keyPolicy = "") => ({
  "main.tf": `resource "aws_sns_topic" "alerts" {
  name = "alerts"
  ${topic}
}
${keyPolicy}
module "events" {
  source        = "./child"
  alarm_actions = [aws_sns_topic.alerts.arn]
}
`,
});

async function alarmTopicProblems(topic, keyPolicy) {
  const root = await moduleFromSources("live-fixture", alarmRoot(topic, keyPolicy));
  const child = await moduleFromSources("live-fixture/child", {
    "main.tf": 'resource "aws_cloudwatch_metric_alarm" "dlq" {\n  alarm_name    = "dlq"\n  alarm_actions = var.alarm_actions\n}\n',
  });
  return checkAlarmTopics(root, (dir) => (dir === child.dir ? child : undefined));
}

const KEY = `resource "aws_kms_key" "alerts" {
  policy = data.aws_iam_policy_document.alerts_key.json
}

data "aws_iam_policy_document" "alerts_key" {
  statement {
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = [SERVICES]
    }
  }
}
`;

test("alarms publishing (through a module) to a topic under alias/aws/sns, or a key that does not grant CloudWatch, are caught", async () => {
  one(await alarmTopicProblems('kms_master_key_id = "alias/aws/sns"'), /alias\/aws\/sns, which CloudWatch cannot use.*module\.events: aws_cloudwatch_metric_alarm\.dlq|module\.events: aws_cloudwatch_metric_alarm\.dlq.*alias\/aws\/sns/);
  one(await alarmTopicProblems("kms_master_key_id = aws_kms_key.alerts.arn", KEY.replace("SERVICES", '"events.amazonaws.com"')), /must be declared here with a key policy that lets cloudwatch/);
  assert.deepEqual(await alarmTopicProblems("kms_master_key_id = aws_kms_key.alerts.arn", KEY.replace("SERVICES", '"cloudwatch.amazonaws.com", "events.amazonaws.com"')), []);
});

test("reserved concurrency by default (a literal, a local's entry, a variable's default) is caught; -1 and null pass", async () => {
  const fn = (reserved, extra = "") => `resource "aws_lambda_function" "f" {\n  reserved_concurrent_executions = ${reserved}\n}\n${extra}`;
  one(await problemsOf(checkReservedConcurrency, fn("1")), /reserves concurrency 1 by default/);
  one(await problemsOf(checkReservedConcurrency, fn("var.r", 'variable "r" {\n  type    = number\n  default = 2\n}\n')), /reserves concurrency 2/);
  const perFunction = 'resource "aws_lambda_function" "f" {\n  for_each                       = local.functions\n  reserved_concurrent_executions = each.value.reserved\n}\n\nlocals {\n  functions = {\n    a = { reserved = -1 }\n    b = { reserved = 1 }\n  }\n}\n';
  one(await problemsOf(checkReservedConcurrency, perFunction), /reserves concurrency 1/);
  assert.deepEqual(await problemsOf(checkReservedConcurrency, fn("var.r", 'variable "r" {\n  type    = number\n  default = null\n}\n')), []);
  assert.deepEqual(await problemsOf(checkReservedConcurrency, fn("-1")), []);
});

test("a module call that does not hand over a provider alias the module declares is caught", async () => {
  const { loadTree } = await import("./lib/terraform-tree.mjs");
  const tree = await loadTree();
  const loadModule = (dir) => tree.modules.find((m) => m.dir === dir);
  const call = (providers) => moduleFromSources("live-fixture", {
    "main.tf": `module "api" {\n  source = "../modules/api"\n${providers}}\n`,
  });
  const missing = checkModuleCalls(await call(""), loadModule).filter((p) => /alias/.test(p));
  assert.equal(missing.length, 1, JSON.stringify(missing));
  assert.match(missing[0], /needs providers = \{ aws\.us_east_1 = \.\.\. \}/);
  const passed = checkModuleCalls(await call("  providers = {\n    aws.us_east_1 = aws.us_east_1\n  }\n"), loadModule).filter((p) => /alias/.test(p));
  assert.deepEqual(passed, []);
});

// The real cicd module and root with one mistake planted in their sources: [file, text, replacement].
async function catalogStepWith(cicdEdits = [], liveEdits = []) {
  const { readFileSync, readdirSync } = await import("node:fs");
  const { resolve } = await import("node:path");
  const { TERRAFORM_ROOT } = await import("./lib/terraform-tree.mjs");
  const planted = async (dir, edits) => {
    const folder = resolve(TERRAFORM_ROOT, dir);
    const sources = Object.fromEntries(readdirSync(folder).filter((f) => f.endsWith(".tf")).map((f) => [f, readFileSync(resolve(folder, f), "utf8")]));
    for (const [file, text, replacement] of edits) {
      assert.ok(sources[file].includes(text), `${dir}/${file} has no ${JSON.stringify(text)} to plant a mistake in`);
      sources[file] = sources[file].replace(text, replacement);
    }
    return moduleFromSources(dir, sources);
  };
  return checkCatalogStep(await planted("modules/cicd", cicdEdits), await planted("live", liveEdits));
}

test("a catalog step before the functions deploy, after the site, or missing is caught", async () => {
  assert.deepEqual(await catalogStepWith(), []);
  const catalogOrder = 'input_artifacts = ["Catalog"]\n      run_order       = 2';
  one(await catalogStepWith([["pipeline.tf", catalogOrder, 'input_artifacts = ["Catalog"]\n      run_order       = 1']]), /the catalog step \(Deploy run_order 1\) must come after the functions deploy \(Deploy run_order 1\)/);
  one(await catalogStepWith([["pipeline.tf", catalogOrder, 'input_artifacts = ["Catalog"]\n      run_order       = 4']]), /the site \(Deploy run_order 3\) goes live before the catalog step \(Deploy run_order 4\)/);
  one(await catalogStepWith([["pipeline.tf", "ProjectName = aws_codebuild_project.catalog.name", "ProjectName = aws_codebuild_project.build.name"]]), /no pipeline action runs aws_codebuild_project\.catalog/);
  one(await catalogStepWith([["pipeline.tf", '"FrontendBundle", "Catalog"]', '"FrontendBundle"]']]), /the catalog step's input Catalog is produced by no earlier action/);
  one(await catalogStepWith([["iam.tf", ", aws_codebuild_project.catalog.arn]", "]"]]), /the pipeline's role may not start aws_codebuild_project\.catalog/);
});

test("a catalog role that may invoke more than the ops function's live alias, or another role that may invoke, is caught", async () => {
  const grant = "resources = [var.catalog_import.alias_arn]";
  one(await catalogStepWith([["iam.tf", grant, 'resources = ["arn:aws:lambda:*:*:function:*"]']]), /may invoke \["arn:aws:lambda:\*:\*:function:\*"\]/);
  one(await catalogStepWith([["iam.tf", grant, 'resources = ["${var.catalog_import.alias_arn}", "${var.catalog_import.alias_arn}:*"]']]), /no wildcard/);
  one(await catalogStepWith([["iam.tf", 'actions   = ["lambda:InvokeFunction"]', 'actions   = ["lambda:InvokeFunction", "lambda:UpdateFunctionCode"]']]), /only lambda:InvokeFunction/);
  one(await catalogStepWith([], [["main.tf", 'alias_arn     = module.functions.alias_arns["ops"]', 'alias_arn     = module.functions.alias_arns["command"]']]), /catalog_import\.alias_arn is "\$\{module\.functions\.alias_arns\[\\"command\\"\]\}"/);
  one(await catalogStepWith([], [["main.tf", 'alias_arn     = module.functions.alias_arns["ops"]', 'alias_arn     = module.functions.function_arns["ops"]']]), /not \$\{module\.functions\.alias_arns\["ops"\]\}/);
  one(await catalogStepWith([["catalog.tf", "value = var.catalog_import.function_name", 'value = "movie-ratings-dev-ops"']]), /sets OPS_FUNCTION_NAME to "movie-ratings-dev-ops"/);
  one(await catalogStepWith([["iam.tf", '"lambda:PublishVersion",', '"lambda:PublishVersion",\n      "lambda:InvokeFunction",']]), /lets the deploy-functions project invoke functions; only the catalog step may/);
});
