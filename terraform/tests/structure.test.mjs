import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { loadTree, TERRAFORM_ROOT } from "./lib/terraform-tree.mjs";
import { checkLayout, checkVariablesDeclared, checkReferences, checkModuleCalls, checkTfvars, checkUnusedDeclarations, findDependencyCycles } from "./lib/checks.mjs";

const tree = await loadTree();
const loadModule = (dir) => tree.modules.find((m) => m.dir === dir);
const reusable = tree.modules.filter((m) => m.name.startsWith("modules/"));
const roots = tree.modules.filter((m) => !m.name.startsWith("modules/"));

test("every module has main.tf, variables.tf, outputs.tf and versions.tf", () => {
  assert.equal(reusable.length, 9);
  assert.deepEqual(reusable.flatMap(checkLayout), []);
});

test("every variable has a type and a description; every output a description", () => {
  assert.deepEqual(tree.modules.flatMap(checkVariablesDeclared), []);
});

test("every reference (var, local, module output, resource, data source) resolves", async () => {
  const problems = [];
  for (const module of tree.modules) problems.push(...(await checkReferences(module, loadModule)));
  assert.deepEqual(problems, []);
});

test("nothing is declared and left unused", async () => {
  const problems = [];
  for (const module of tree.modules) problems.push(...(await checkUnusedDeclarations(module)));
  assert.deepEqual(problems, []);
});

test("the environment roots and bootstrap have no dependency cycle (across module boundaries)", async () => {
  for (const root of roots) assert.deepEqual(await findDependencyCycles(root, loadModule), [], root.name);
});

test("every module call uses an existing source, declared inputs only, and all required inputs", () => {
  assert.ok(roots.some((m) => Object.keys(m.moduleCalls()).length >= 9), "the environment roots call the modules");
  assert.deepEqual(tree.modules.flatMap((m) => checkModuleCalls(m, loadModule)), []);
});

const ENVIRONMENTS = ["dev", "prod"];
const envFile = (name) => tree.files.find((f) => f.path === resolve(TERRAFORM_ROOT, "live", name));

test("one root serves every environment: the roots are bootstrap and live, nothing else", () => {
  assert.deepEqual(roots.map((m) => m.name).sort(), ["bootstrap", "live"]);
});

test("each environment's tfvars sets only declared variables, every required one, and its own name", () => {
  const problems = [];
  for (const env of ENVIRONMENTS) {
    const tfvars = envFile(`${env}.tfvars`);
    problems.push(...checkTfvars(tfvars, tree.module("live")));
    assert.equal(tfvars.json.environment, env, `${env}.tfvars must set environment = "${env}"`);
  }
  assert.deepEqual(problems, []);
});

test("state lives in S3 with native lock files, one state key per environment, and nothing uses DynamoDB", () => {
  const backends = tree.module("live").terraformBlocks().flatMap(({ body }) => Object.keys(body.backend ?? {}));
  assert.deepEqual(backends, ["s3"], "live must use the s3 backend");
  const keys = new Set();
  for (const env of ENVIRONMENTS) {
    const backend = envFile(`${env}.s3.tfbackend`).json;
    assert.equal(backend.use_lockfile, true, `${env}.s3.tfbackend must set use_lockfile = true`);
    assert.equal(backend.encrypt, true);
    assert.equal(backend.dynamodb_table, undefined);
    assert.equal(backend.key, `movie-ratings/${env}/terraform.tfstate`);
    keys.add(backend.key);
  }
  assert.equal(keys.size, ENVIRONMENTS.length, "environments never share a state file");
  const dynamo = tree.modules.flatMap((m) => m.resources().filter((r) => r.type.startsWith("aws_dynamodb")).map((r) => `${m.name}: ${r.type}.${r.name}`));
  assert.deepEqual(dynamo, []);
});

test("the observability module alarms on metrics the functions really publish (embedded metric format)", () => {
  const module = tree.module("modules/observability");
  const alarms = module.resources().filter((r) => r.type === "aws_cloudwatch_metric_alarm");
  assert.ok(alarms.length >= 1, "observability declares its CloudWatch alarms");
  const main = readFileSync(resolve(module.dir, "main.tf"), "utf8");
  assert.match(main, /namespace\s*=\s*"MovieRatings"/);
  const metrics = [...main.matchAll(/metric\s*=\s*"([a-z_]+)"/g)].map((m) => m[1]);
  assert.ok(metrics.length >= 4, "one metric per alarm");
  // every metric name is written once, in the meter catalogue both Prometheus and CloudWatch EMF come from
  const java = ["function-observability"]
    .flatMap((m) => listJava(resolve(TERRAFORM_ROOT, "..", m, "src/main/java")))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  for (const metric of metrics) assert.ok(java.includes(`"${metric}"`), `${metric} is in the meter catalogue (MeterCatalogue)`);
  assert.ok(Object.keys(module.variables()).length >= 5);
});

function listJava(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listJava(resolve(dir, entry.name)) : entry.name.endsWith(".java") ? [resolve(dir, entry.name)] : []);
}
