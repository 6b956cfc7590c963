// Checks over parsed Terraform modules. Each returns a list of problems ("file:line: what"), empty when
// the property holds, so the same functions are tested against deliberately broken inline modules.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { rel, strings, referencesIn, expressionOf } from "./terraform-tree.mjs";

const at = (item) => `${rel(item.file.path)}:${item.line ?? 1}`;
const list = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const first = (value) => (Array.isArray(value) ? value[0] : value);

// --- Layout and declarations -----------------------------------------------------------------------

export const MODULE_FILES = ["main.tf", "variables.tf", "outputs.tf", "versions.tf"];

export function checkLayout(module) {
  const problems = [];
  const names = module.files.map((f) => f.path.split("/").pop());
  for (const required of MODULE_FILES) {
    if (!names.includes(required)) problems.push(`${module.name}: missing ${required}`);
  }
  for (const [name, variable] of Object.entries(module.variables())) {
    if (!variable.file.path.endsWith("/variables.tf")) problems.push(`${at(variable)}: variable "${name}" belongs in variables.tf`);
  }
  for (const [name, output] of Object.entries(module.outputs())) {
    if (!output.file.path.endsWith("/outputs.tf")) problems.push(`${at(output)}: output "${name}" belongs in outputs.tf`);
  }
  return problems;
}

export function checkVariablesDeclared(module) {
  const problems = [];
  for (const [name, variable] of Object.entries(module.variables())) {
    if (!variable.body.type) problems.push(`${at(variable)}: variable "${name}" has no type`);
    if (typeof variable.body.description !== "string" || variable.body.description.trim().length < 8) {
      problems.push(`${at(variable)}: variable "${name}" has no meaningful description`);
    }
  }
  for (const [name, output] of Object.entries(module.outputs())) {
    if (typeof output.body.description !== "string" || output.body.description.trim() === "") {
      problems.push(`${at(output)}: output "${name}" has no description`);
    }
  }
  return problems;
}

// --- References --------------------------------------------------------------------------------------

const BUILTIN_ROOTS = new Set(["each", "count", "path", "terraform", "self"]);
const META_ARGUMENTS = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);

function dynamicIterators(value, found = new Set()) {
  if (Array.isArray(value)) value.forEach((item) => dynamicIterators(item, found));
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "dynamic") {
        for (const [label, bodies] of Object.entries(item)) {
          found.add(label);
          for (const body of list(bodies)) if (typeof body.iterator === "string") found.add(expressionOf(body.iterator));
        }
      }
      dynamicIterators(item, found);
    }
  }
  return found;
}

/** Every var., local., module., data. and resource reference resolves to a declaration. */
export async function checkReferences(module, loadModule) {
  const problems = [];
  const variables = module.variables();
  const locals = module.locals();
  const calls = module.moduleCalls();
  const resources = new Set(module.resources().map((r) => `${r.type}.${r.name}`));
  const data = new Set(module.dataSources().map((d) => `${d.type}.${d.name}`));

  for (const file of module.files) {
    const iterators = dynamicIterators(file.json);
    const { terraform: _ignored, ...blocks } = file.json;
    for (const { value, path } of strings(blocks)) {
      if (path.includes("ignore_changes")) continue; // attribute names, not references
      if (path[0] === "variable" && path[3] === "type") continue; // type constraints
      // provider configurations (aws, aws.us_east_1) are not values
      if (path.includes("provider") || (path[0] === "module" && path.includes("providers"))) continue;
      let refs;
      try {
        refs = await referencesIn(rel(file.path), value);
      } catch (error) {
        problems.push(`${rel(file.path)}: cannot read expression at ${path.join(".")}: ${error.message ?? error}`);
        continue;
      }
      for (const ref of refs) {
        const segments = ref.split(".");
        const [root, second, third] = segments;
        let problem = null;
        if (BUILTIN_ROOTS.has(root) || iterators.has(root)) continue;
        if (root === "var") problem = variables[second] ? null : `undeclared variable var.${second}`;
        else if (root === "local") problem = locals[second] ? null : `undeclared local local.${second}`;
        else if (root === "data") problem = data.has(`${second}.${third}`) ? null : `undeclared data source data.${second}.${third}`;
        else if (root === "module") {
          const call = calls[second];
          if (!call) problem = `undeclared module module.${second}`;
          else {
            const output = /^\d+$/.test(third ?? "") ? segments[3] : third;
            const target = loadModule(resolve(module.dir, String(call.body.source)));
            if (output && target && !target.outputs()[output]) problem = `module.${second} has no output "${output}"`;
          }
        } else if (second !== undefined) {
          problem = resources.has(`${root}.${second}`) ? null : `undeclared resource ${root}.${second}`;
        } else {
          problem = `unknown reference ${ref}`;
        }
        if (problem) {
          const line = file.source.split("\n").findIndex((l) => l.includes(ref.split(".").slice(0, 2).join("."))) + 1;
          problems.push(`${rel(file.path)}:${line || 1}: ${problem}`);
        }
      }
    }
  }
  return problems;
}

/** Module calls: the source exists, only declared inputs are passed, every required input is passed. */
export function checkModuleCalls(module, loadModule) {
  const problems = [];
  for (const [name, call] of Object.entries(module.moduleCalls())) {
    const source = call.body.source;
    if (typeof source !== "string" || !source.startsWith(".")) {
      problems.push(`${at(call)}: module "${name}" must use a local source path`);
      continue;
    }
    const dir = resolve(module.dir, source);
    const target = existsSync(dir) ? loadModule(dir) : undefined;
    if (!target) {
      problems.push(`${at(call)}: module "${name}" source ${source} does not exist`);
      continue;
    }
    // A module that declares configuration_aliases (aws.us_east_1) must be handed each one.
    for (const { body } of target.terraformBlocks()) {
      for (const providers of list(body.required_providers)) {
        for (const requirement of Object.values(providers)) {
          for (const alias of list(requirement?.configuration_aliases)) {
            const wanted = String(alias).replace(/^\$\{|\}$/g, "");
            if (!first(call.body.providers)?.[wanted]) {
              problems.push(`${at(call)}: module "${name}" needs providers = { ${wanted} = ... } (${target.name} declares that alias)`);
            }
          }
        }
      }
    }
    const declared = target.variables();
    const given = Object.keys(call.body).filter((key) => !META_ARGUMENTS.has(key));
    for (const input of given) {
      if (!declared[input]) problems.push(`${at(call)}: module "${name}" passes "${input}", which ${target.name} does not declare`);
    }
    for (const [input, variable] of Object.entries(declared)) {
      if (!("default" in variable.body) && !given.includes(input)) {
        problems.push(`${at(call)}: module "${name}" does not pass required "${input}"`);
      }
    }
  }
  return problems;
}

/** A tfvars file sets only declared variables and, with the defaults, every required one. */
export function checkTfvars(tfvarsFile, module) {
  const problems = [];
  const declared = module.variables();
  const given = Object.keys(tfvarsFile.json);
  for (const key of given) {
    if (!declared[key]) problems.push(`${rel(tfvarsFile.path)}: sets "${key}", which ${module.name} does not declare`);
  }
  for (const [key, variable] of Object.entries(declared)) {
    if (!("default" in variable.body) && !given.includes(key)) problems.push(`${rel(tfvarsFile.path)}: misses required "${key}"`);
  }
  return problems;
}

// --- IAM ---------------------------------------------------------------------------------------------

const WILDCARD_ACTION = /^(\*|[a-z0-9-]+:\*)$/i;
const POLICY_ATTRIBUTES = new Set(["policy", "assume_role_policy", "inline_policy"]);

/**
 * Actions that AWS documents as supporting no resource-level permission (the Service Authorization
 * Reference lists no resource type for them), so "Resource": "*" is the only way to grant them.
 */
export const UNSCOPED_ACTIONS = new Set([
  // network interfaces of VPC Lambda functions and VPC CodeBuild projects
  "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
  "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions",
  "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
  // reading CloudWatch metrics and alarms (monitoring host, CloudWatch exporter, Grafana)
  "cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData", "cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics",
  "tag:GetResources", "ec2:DescribeInstances", "ec2:DescribeTags", "autoscaling:DescribeAutoScalingGroups",
  // finding the projector's event source mapping by function (the ops function's pause/resume)
  "lambda:ListEventSourceMappings",
]);

/**
 * AWS managed policies a role may carry, each narrow and meant for exactly that role. Anything else
 * (AdministratorAccess, PowerUserAccess, *FullAccess, ...) is refused: write a policy document.
 */
export const ALLOWED_MANAGED_POLICIES = new Set([
  "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", // Session Manager agent on instances
  "arn:aws:iam::aws:policy/service-role/AWSCodeDeployRole", // CodeDeploy's service role for EC2/ASG
]);

const ATTACHMENTS = ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"];

/** Policy documents that are KMS key policies: there "*" means "this key". */
function keyPolicyDocuments(module) {
  const names = new Set();
  for (const key of module.resources("aws_kms_key")) {
    const match = String(key.body.policy ?? "").match(/data\.aws_iam_policy_document\.([a-z0-9_]+)\.json/);
    if (match) names.add(match[1]);
  }
  return names;
}

/**
 * No Allow statement grants "*" or "service:*"; actions are literal; "Resource": "*" only for actions
 * that have no resource-level permission; policies come from policy documents; managed policies only
 * from a short allow-list.
 */
export function checkIamPolicies(module) {
  const problems = [];
  const keyPolicies = keyPolicyDocuments(module);
  for (const doc of module.dataSources("aws_iam_policy_document")) {
    const statements = [...list(doc.body.statement), ...list(doc.body.dynamic?.statement).flatMap((d) => list(d.content))];
    statements.forEach((statement, index) => {
      const where = `${at(doc)}: data.aws_iam_policy_document.${doc.name} statement ${statement.sid ?? index + 1}`;
      const effect = statement.effect ?? "Allow";
      if (statement.not_actions) problems.push(`${where}: not_actions is not allowed`);
      if (statement.not_resources) problems.push(`${where}: not_resources is not allowed`);
      if (effect !== "Allow") return;
      const actions = list(statement.actions);
      if (actions.length === 0) problems.push(`${where}: has no actions`);
      for (const action of actions) {
        if (typeof action !== "string" || action.includes("${")) problems.push(`${where}: action must be a literal, got ${JSON.stringify(action)}`);
        else if (WILDCARD_ACTION.test(action)) problems.push(`${where}: allows wildcard action "${action}"`);
      }
      const assumeRole = actions.every((a) => typeof a === "string" && a.startsWith("sts:AssumeRole"));
      if (list(statement.resources).includes("*") && !keyPolicies.has(doc.name) && !assumeRole) {
        const scoped = actions.filter((a) => !UNSCOPED_ACTIONS.has(a));
        if (scoped.length > 0) problems.push(`${where}: grants ${scoped.join(", ")} on Resource "*"; name the resources`);
      }
    });
  }
  // Policies written any other way (heredoc JSON, jsonencode) would bypass the check above.
  for (const resource of module.resources()) {
    for (const [attribute, value] of Object.entries(resource.body)) {
      if (!POLICY_ATTRIBUTES.has(attribute) || typeof value !== "string") continue;
      if (!/^\$\{data\.aws_iam_policy_document\.[a-z0-9_]+(\[[^\]]+\])?\.json\}$/.test(value)) {
        problems.push(`${at(resource)}: ${resource.type}.${resource.name}.${attribute} must come from an aws_iam_policy_document`);
      }
    }
  }
  // Managed policies: the attachments, and the role's own managed_policy_arns.
  const managed = [
    ...ATTACHMENTS.flatMap((type) => module.resources(type).map((r) => ({ r, arns: list(r.body.policy_arn) }))),
    ...module.resources("aws_iam_role").map((r) => ({ r, arns: list(r.body.managed_policy_arns) })),
    ...module.resources("aws_iam_role_policy_attachments_exclusive").map((r) => ({ r, arns: list(r.body.policy_arns) })),
  ];
  for (const { r, arns } of managed) {
    for (const arn of arns) {
      const ownPolicy = typeof arn === "string" && /^\$\{aws_iam_policy\.[a-z0-9_]+(\[[^\]]+\])?\.arn\}$/.test(arn);
      if (!ownPolicy && !ALLOWED_MANAGED_POLICIES.has(arn)) {
        problems.push(`${at(r)}: ${r.type}.${r.name} attaches ${JSON.stringify(arn)}; only ${[...ALLOWED_MANAGED_POLICIES].join(", ")} or this module's own aws_iam_policy`);
      }
    }
  }
  for (const policy of module.resources("aws_iam_policy")) {
    if (!/^\$\{data\.aws_iam_policy_document\.[a-z0-9_]+\.json\}$/.test(String(policy.body.policy))) {
      problems.push(`${at(policy)}: aws_iam_policy.${policy.name}.policy must come from an aws_iam_policy_document`);
    }
  }
  return problems;
}

// --- Network exposure ------------------------------------------------------------------------------

function instancesOf(resource) {
  const forEach = resource.body.for_each;
  if (forEach && typeof forEach === "object" && !Array.isArray(forEach)) return Object.entries(forEach).map(([key, value]) => ({ key, value }));
  return [{ key: null, value: null }];
}

function resolveEach(value, instance) {
  const expression = expressionOf(value);
  if (typeof expression === "string" && instance.value && /^each\.value\.[a-z_0-9]+$/.test(expression)) {
    return instance.value[expression.split(".")[2]];
  }
  return value;
}

/** 0.0.0.0/0 and ::/0 reach nothing but ports 80/443 of the load balancer's security group. */
export function checkPublicIngress(module) {
  const problems = [];
  for (const group of module.resources("aws_security_group")) {
    if (group.body.ingress) problems.push(`${at(group)}: aws_security_group.${group.name} uses inline ingress; use aws_vpc_security_group_ingress_rule`);
  }
  for (const rule of module.resources("aws_security_group_rule")) {
    problems.push(`${at(rule)}: aws_security_group_rule.${rule.name}: use aws_vpc_security_group_ingress_rule/egress_rule`);
  }
  for (const rule of module.resources("aws_vpc_security_group_ingress_rule")) {
    for (const instance of instancesOf(rule)) {
      const v4 = resolveEach(rule.body.cidr_ipv4, instance);
      const v6 = resolveEach(rule.body.cidr_ipv6, instance);
      if (v4 !== "0.0.0.0/0" && v6 !== "::/0") continue;
      const from = resolveEach(rule.body.from_port, instance);
      const to = resolveEach(rule.body.to_port, instance);
      const onAlb = rule.body.security_group_id === "${aws_security_group.alb.id}";
      const webPort = [80, 443].includes(from) && from === to;
      if (!onAlb || !webPort) {
        problems.push(`${at(rule)}: aws_vpc_security_group_ingress_rule.${rule.name}${instance.key ? `["${instance.key}"]` : ""} opens ${v4 ?? v6} on ${from}-${to}`);
      }
    }
  }
  return problems;
}

// --- Database --------------------------------------------------------------------------------------

export function checkDatabase(module) {
  const problems = [];
  for (const db of module.resources("aws_db_instance")) {
    const where = `${at(db)}: aws_db_instance.${db.name}`;
    if (db.body.publicly_accessible !== false) problems.push(`${where}: publicly_accessible must be false`);
    if (db.body.storage_encrypted !== true) problems.push(`${where}: storage_encrypted must be true`);
    if (db.body.replicate_source_db) continue;
    if (db.body.manage_master_user_password !== true) problems.push(`${where}: the master password must be managed in Secrets Manager`);
    if ("password" in db.body) problems.push(`${where}: no password in Terraform`);
    if (db.body.backup_retention_period === 0 || db.body.backup_retention_period === undefined) problems.push(`${where}: backups must be on`);
    if (db.body.deletion_protection === undefined || db.body.deletion_protection === false) problems.push(`${where}: deletion_protection must be set (a variable, true in prod)`);
    for (const sg of list(db.body.vpc_security_group_ids)) {
      const match = String(sg).match(/aws_security_group\.([a-z0-9_]+)\.id/);
      if (!match) {
        problems.push(`${where}: security group ${sg} is not declared in this module`);
        continue;
      }
      const rules = module.resources("aws_vpc_security_group_ingress_rule").filter((r) => r.body.security_group_id === `\${aws_security_group.${match[1]}.id}`);
      if (rules.length === 0) problems.push(`${where}: no ingress rule on aws_security_group.${match[1]}`);
      for (const rule of rules) {
        if (rule.body.cidr_ipv4 || rule.body.cidr_ipv6 || rule.body.prefix_list_id) problems.push(`${at(rule)}: the database is reachable only from a security group, not a CIDR`);
        if (rule.body.referenced_security_group_id !== "${aws_security_group.proxy.id}") {
          problems.push(`${at(rule)}: the database accepts connections only from RDS Proxy's security group`);
        }
      }
    }
  }
  return problems;
}

// --- Functions -----------------------------------------------------------------------------------------

export const HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";

function literal(module, value) {
  const expression = expressionOf(value);
  const match = typeof expression === "string" && expression.match(/^local\.([a-z_0-9]+)$/);
  if (match) return module.locals()[match[1]]?.value;
  return value;
}

export function checkLambdaFunctions(module) {
  const problems = [];
  for (const fn of module.resources("aws_lambda_function")) {
    const where = `${at(fn)}: aws_lambda_function.${fn.name}`;
    if (literal(module, fn.body.runtime) !== "java21") problems.push(`${where}: runtime must be java21`);
    if (literal(module, fn.body.handler) !== HANDLER) problems.push(`${where}: handler must be ${HANDLER}`);
    if (first(fn.body.snap_start)?.apply_on !== "PublishedVersions") problems.push(`${where}: SnapStart must apply on published versions`);
    if (fn.body.publish !== true) problems.push(`${where}: publish must be true (SnapStart works on versions)`);
    const vpc = first(fn.body.vpc_config);
    if (!vpc || !vpc.subnet_ids || !vpc.security_group_ids) problems.push(`${where}: must run in the VPC with its own security group`);
    const variables = first(fn.body.environment)?.variables;
    if (!variables) problems.push(`${where}: has no environment`);
    if (!first(fn.body.logging_config)?.log_group) problems.push(`${where}: must log to its own log group (with retention)`);
  }
  for (const alias of module.resources("aws_lambda_alias")) {
    if (alias.body.name !== "live") problems.push(`${at(alias)}: the alias that takes traffic is called live`);
  }
  return problems;
}

export function checkEventSourceMappings(module) {
  const problems = [];
  for (const mapping of module.resources("aws_lambda_event_source_mapping")) {
    const where = `${at(mapping)}: aws_lambda_event_source_mapping.${mapping.name}`;
    if (!list(mapping.body.function_response_types).includes("ReportBatchItemFailures")) {
      problems.push(`${where}: function_response_types must include ReportBatchItemFailures`);
    }
    if (mapping.body.batch_size === undefined) problems.push(`${where}: batch_size must be set`);
    if (mapping.body.maximum_batching_window_in_seconds === undefined) problems.push(`${where}: maximum_batching_window_in_seconds must be set`);
  }
  return problems;
}

// --- Queues ------------------------------------------------------------------------------------------

/** The smallest factor k in "k * var.<timeout>" found in an expression, or null. */
export function timeoutMultiplier(expression, timeoutVariable) {
  const text = String(expressionOf(expression));
  const factors = [...text.matchAll(new RegExp(`(\\d+)\\s*\\*\\s*var\\.${timeoutVariable}\\b`, "g"))].map((m) => Number(m[1]));
  factors.push(...[...text.matchAll(new RegExp(`var\\.${timeoutVariable}\\s*\\*\\s*(\\d+)`, "g"))].map((m) => Number(m[1])));
  return factors.length ? Math.min(...factors) : null;
}

export function checkQueues(module, { timeoutVariable = "projector_timeout_seconds" } = {}) {
  const problems = [];
  const queues = module.resources("aws_sqs_queue");
  const deadLetterTargets = new Set();
  for (const queue of queues) {
    const redrive = String(queue.body.redrive_policy ?? "");
    const target = redrive.match(/deadLetterTargetArn\s*=\s*aws_sqs_queue\.([a-z0-9_]+)\.arn/);
    if (target) deadLetterTargets.add(target[1]);
  }
  for (const target of module.resources("aws_cloudwatch_event_target")) {
    const dlq = String(first(target.body.dead_letter_config)?.arn ?? "").match(/aws_sqs_queue\.([a-z0-9_]+)\.arn/);
    if (dlq) deadLetterTargets.add(dlq[1]);
  }
  for (const queue of queues) {
    const where = `${at(queue)}: aws_sqs_queue.${queue.name}`;
    if (queue.body.sqs_managed_sse_enabled !== true && !queue.body.kms_master_key_id) problems.push(`${where}: server-side encryption must be on`);
    if (deadLetterTargets.has(queue.name)) continue;
    const redrive = String(queue.body.redrive_policy ?? "");
    if (!/deadLetterTargetArn/.test(redrive) || !/maxReceiveCount/.test(redrive)) problems.push(`${where}: needs a redrive policy to a DLQ`);
    let visibility = queue.body.visibility_timeout_seconds;
    const local = literal(module, visibility);
    if (local !== undefined) visibility = local;
    const factor = timeoutMultiplier(visibility, timeoutVariable);
    if (factor === null || factor < 6) problems.push(`${where}: visibility timeout must be at least 6 x var.${timeoutVariable} (found ${JSON.stringify(visibility)})`);
  }
  for (const target of module.resources("aws_cloudwatch_event_target")) {
    const where = `${at(target)}: aws_cloudwatch_event_target.${target.name}`;
    if (!first(target.body.dead_letter_config)?.arn) problems.push(`${where}: needs a dead-letter queue`);
    if (!first(target.body.retry_policy)) problems.push(`${where}: needs a retry policy`);
    if (target.body.input || target.body.input_path || target.body.input_transformer) problems.push(`${where}: must deliver the whole EventBridge envelope`);
  }
  return problems;
}

// --- Instances --------------------------------------------------------------------------------------

export function checkInstanceMetadata(module) {
  const problems = [];
  for (const template of [...module.resources("aws_launch_template"), ...module.resources("aws_instance")]) {
    const options = first(template.body.metadata_options);
    if (options?.http_tokens !== "required") problems.push(`${at(template)}: ${template.type}.${template.name} must require IMDSv2 (http_tokens = "required")`);
    if (template.body.key_name) problems.push(`${at(template)}: ${template.type}.${template.name} has an SSH key; use SSM Session Manager`);
  }
  return problems;
}

// --- Unused declarations (tflint's terraform_unused_declarations, here without tflint) ----------------

export async function checkUnusedDeclarations(module) {
  const used = new Set();
  for (const file of module.files) {
    for (const { value } of strings(file.json)) {
      for (const ref of await referencesIn(rel(file.path), value)) {
        const [root, second, third] = ref.split(".");
        used.add(root === "data" ? `data.${second}.${third}` : `${root}.${second}`);
      }
    }
  }
  const problems = [];
  for (const [name, variable] of Object.entries(module.variables())) {
    if (!used.has(`var.${name}`)) problems.push(`${at(variable)}: variable "${name}" is declared but never used`);
  }
  for (const [name, local] of Object.entries(module.locals())) {
    if (!used.has(`local.${name}`)) problems.push(`${at(local)}: local "${name}" is declared but never used`);
  }
  for (const data of module.dataSources()) {
    if (!used.has(`data.${data.type}.${data.name}`)) problems.push(`${at(data)}: data.${data.type}.${data.name} is never used`);
  }
  return problems;
}

// --- Dependency cycles (what `terraform validate`/plan would report as "Cycle: ...") --------------------

function nodeOfReference(prefix, ref) {
  const [root, second, third] = ref.split(".");
  if (root === "var") return `${prefix}var.${second}`;
  if (root === "local") return `${prefix}local.${second}`;
  if (root === "data") return `${prefix}data.${second}.${third}`;
  if (root === "module") return third ? `${prefix}module.${second}/output.${third}` : null;
  if (["each", "count", "path", "terraform", "self"].includes(root) || second === undefined) return null;
  return `${prefix}${root}.${second}`;
}

async function addEdges(graph, prefix, from, value, iterators) {
  if (!graph.has(from)) graph.set(from, new Set());
  for (const { value: text, path } of strings(value)) {
    if (path.includes("ignore_changes")) continue;
    for (const ref of await referencesIn("graph.tf", text)) {
      if (iterators.has(ref.split(".")[0])) continue;
      const to = nodeOfReference(prefix, ref);
      if (to) graph.get(from).add(to);
    }
  }
}

/** Builds the dependency graph of a root and the modules it calls, and returns the cycles found. */
export async function findDependencyCycles(root, loadModule) {
  const graph = new Map();
  const visitModule = async (module, prefix) => {
    const iterators = new Set();
    for (const file of module.files) for (const name of dynamicIterators(file.json)) iterators.add(name);
    for (const [name, v] of Object.entries(module.variables())) {
      if (!graph.has(`${prefix}var.${name}`)) graph.set(`${prefix}var.${name}`, new Set());
      await addEdges(graph, prefix, `${prefix}var.${name}/validation`, v.body.validation ?? [], iterators);
    }
    for (const [name, l] of Object.entries(module.locals())) await addEdges(graph, prefix, `${prefix}local.${name}`, l.value, iterators);
    for (const r of module.resources()) await addEdges(graph, prefix, `${prefix}${r.type}.${r.name}`, r.body, iterators);
    for (const d of module.dataSources()) await addEdges(graph, prefix, `${prefix}data.${d.type}.${d.name}`, d.body, iterators);
    for (const [name, o] of Object.entries(module.outputs())) await addEdges(graph, prefix, `${prefix}output.${name}`, o.body, iterators);
    for (const [name, call] of Object.entries(module.moduleCalls())) {
      const child = loadModule(resolve(module.dir, String(call.body.source)));
      if (!child) continue;
      const childPrefix = `${prefix}module.${name}/`;
      for (const [input, value] of Object.entries(call.body)) {
        if (input === "source" || input === "providers") continue;
        await addEdges(graph, prefix, `${childPrefix}var.${input}`, value, iterators);
      }
      await visitModule(child, childPrefix);
    }
  };
  await visitModule(root, "");

  const cycles = [];
  const state = new Map(); // 1 = on stack, 2 = done
  const stack = [];
  const visit = (node) => {
    state.set(node, 1);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 1) cycles.push([...stack.slice(stack.indexOf(next)), next].join(" -> "));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 2);
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

// --- AWS limits the provider schema cannot express ------------------------------------------------------

const isTrue = (value) => value === true || (typeof value === "string" && value.includes("${"));

/**
 * RDS cannot create a read replica of an instance whose master password RDS manages in Secrets Manager
 * (RDS User Guide, "Limitations for Secrets Manager integration"; every engine but SQL Server).
 * A source whose flag is an expression counts as managed: it could be true.
 */
export function checkReadReplicaSources(module) {
  const problems = [];
  const instances = Object.fromEntries(module.resources("aws_db_instance").map((db) => [db.name, db]));
  for (const replica of Object.values(instances)) {
    const source = String(replica.body.replicate_source_db ?? "").match(/aws_db_instance\.([a-z0-9_]+)\./);
    if (!source) continue;
    const primary = instances[source[1]];
    if (primary && isTrue(primary.body.manage_master_user_password)) {
      problems.push(`${at(replica)}: aws_db_instance.${replica.name} replicates aws_db_instance.${primary.name}, whose master password RDS manages (manage_master_user_password): RDS refuses to create that replica`);
    }
  }
  return problems;
}

const ALARM_ACTIONS = ["alarm_actions", "ok_actions", "insufficient_data_actions"];

function alarmsUsing(module, pattern) {
  return module.resources("aws_cloudwatch_metric_alarm").concat(module.resources("aws_cloudwatch_composite_alarm"))
    .filter((alarm) => ALARM_ACTIONS.some((key) => pattern.test(JSON.stringify(alarm.body[key] ?? ""))));
}

function grantsCloudWatch(module, keyName) {
  const key = module.resources("aws_kms_key").find((k) => k.name === keyName);
  const doc = String(key?.body.policy ?? "").match(/data\.aws_iam_policy_document\.([a-z0-9_]+)\.json/);
  const policy = doc && module.dataSources("aws_iam_policy_document").find((d) => d.name === doc[1]);
  if (!policy) return false;
  return list(policy.body.statement).some((statement) => {
    const services = list(statement.principals).filter((p) => p.type === "Service").flatMap((p) => list(p.identifiers));
    const actions = list(statement.actions);
    return (statement.effect ?? "Allow") === "Allow" && services.includes("cloudwatch.amazonaws.com")
      && actions.includes("kms:Decrypt") && actions.some((a) => a === "kms:GenerateDataKey*" || a === "kms:GenerateDataKey");
  });
}

/**
 * CloudWatch alarms cannot publish to an SNS topic encrypted with the AWS-managed key alias/aws/sns (its
 * key policy does not let cloudwatch.amazonaws.com use it); a customer-managed key must grant CloudWatch
 * kms:Decrypt and kms:GenerateDataKey*. Follows the topic into the modules its ARN is passed to.
 */
export function checkAlarmTopics(root, loadModule) {
  const problems = [];
  for (const topic of root.resources("aws_sns_topic")) {
    const reference = new RegExp(`aws_sns_topic\\.${topic.name}\\.`);
    const alarms = alarmsUsing(root, reference).map((a) => `${root.name}: ${a.type}.${a.name}`);
    for (const [callName, call] of Object.entries(root.moduleCalls())) {
      const child = loadModule(resolve(root.dir, String(call.body.source)));
      if (!child) continue;
      for (const [input, value] of Object.entries(call.body)) {
        if (!reference.test(JSON.stringify(value))) continue;
        for (const alarm of alarmsUsing(child, new RegExp(`var\\.${input}\\b`))) alarms.push(`module.${callName}: ${alarm.type}.${alarm.name}`);
      }
    }
    if (alarms.length === 0) continue;
    const key = topic.body.kms_master_key_id;
    const where = `${at(topic)}: aws_sns_topic.${topic.name} (alarm actions of ${alarms[0]}${alarms.length > 1 ? ` and ${alarms.length - 1} more` : ""})`;
    if (key === undefined) continue; // unencrypted: CloudWatch can publish (encryption is a policy question)
    if (key === "alias/aws/sns") {
      problems.push(`${where}: encrypted with alias/aws/sns, which CloudWatch cannot use; use a customer-managed key that grants cloudwatch.amazonaws.com`);
      continue;
    }
    const own = String(key).match(/aws_kms_key\.([a-z0-9_]+)\./);
    if (!own || !grantsCloudWatch(root, own[1])) {
      problems.push(`${where}: its KMS key must be declared here with a key policy that lets cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey*`);
    }
  }
  return problems;
}

/** Possible values of an expression: literals as they are, var.x as its default, each.value.k from for_each. */
function possibleValues(module, resource, value) {
  const expression = expressionOf(value);
  if (typeof expression !== "string" || !String(value).includes("${")) return [value];
  const variable = expression.match(/^var\.([a-z0-9_]+)$/);
  if (variable) return [module.variables()[variable[1]]?.body.default ?? null];
  const each = expression.match(/^each\.value\.([a-z0-9_]+)$/);
  const forEach = expressionOf(resource.body.for_each);
  const local = typeof forEach === "string" && forEach.match(/^local\.([a-z0-9_]+)$/);
  if (each && local) {
    return Object.values(module.locals()[local[1]]?.value ?? {}).flatMap((entry) => possibleValues(module, {}, entry[each[1]]));
  }
  return [...expression.matchAll(/var\.([a-z0-9_]+)/g)].map((m) => module.variables()[m[1]]?.body.default ?? null).concat([expression]);
}

/**
 * Lambda refuses reserved concurrency that leaves the account under its minimum of unreserved
 * concurrency (100, or all of a new account's quota of 10), so by default no function reserves any:
 * reserved_concurrent_executions is -1/null unless a variable is set on purpose.
 */
export function checkReservedConcurrency(module) {
  const problems = [];
  for (const fn of module.resources("aws_lambda_function")) {
    if (fn.body.reserved_concurrent_executions === undefined) continue;
    for (const candidate of possibleValues(module, fn, fn.body.reserved_concurrent_executions)) {
      if (candidate === null || candidate === -1) continue;
      if (typeof candidate === "string" && !/^-?\d+$/.test(candidate)) continue; // a conditional that still defaults to the above
      problems.push(`${at(fn)}: aws_lambda_function.${fn.name} reserves concurrency ${JSON.stringify(candidate)} by default; an account at the new-account quota refuses it (leave it -1/null, a variable for accounts with a raised quota)`);
    }
  }
  return problems;
}
