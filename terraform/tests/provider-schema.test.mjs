// Every resource and data block of terraform/ against the hashicorp/aws provider's own schema (from
// @cdktf/provider-aws), and the proof that the check fails on each kind of mistake it claims to catch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { loadTree, moduleFromSources } from "./lib/terraform-tree.mjs";
import { checkAgainstProviderSchema, loadProviderSchema } from "./lib/provider-schema.mjs";

const tree = await loadTree();
const schema = loadProviderSchema();
const FIXTURES = new URL("./fixtures/provider-schema/", import.meta.url);

const fixture = async (name) =>
  checkAgainstProviderSchema(await moduleFromSources("tests/fixtures/provider-schema", { [name]: readFileSync(new URL(name, FIXTURES), "utf8") }));

test("the extract is the hashicorp/aws 6.x provider schema, whole", () => {
  assert.match(schema.provider, /^hashicorp\/aws 6\.\d+\.\d+$/);
  assert.ok(Object.keys(schema.resources).length > 1500, "every resource type");
  assert.ok(Object.keys(schema.dataSources).length > 600, "every data source type");
});

test("every resource, data block, argument, nested block and attribute reference in terraform/ is in the provider schema", async () => {
  const problems = [];
  let blocks = 0;
  for (const module of tree.modules) {
    blocks += module.resources().length + module.dataSources().length;
    problems.push(...(await checkAgainstProviderSchema(module, schema)));
  }
  assert.ok(blocks > 150, `expected the whole estate, checked ${blocks} blocks`);
  assert.deepEqual(problems, []);
});

test("a module using dynamic blocks, nested blocks, ignore_changes and computed attributes correctly passes", async () => {
  assert.deepEqual(await fixture("valid.tf"), []);
});

const planted = {
  "unknown-argument.tf": /aws_sqs_queue\.this: unknown argument or block "visibilty_timeout_seconds" \(did you mean visibility_timeout_seconds\?\)/,
  "misspelled-resource-type.tf": /unknown resource type aws_cognito_userpool \(did you mean aws_cognito_user_pool\?\)/,
  "missing-required-argument.tf": /aws_lambda_alias\.live: missing required argument "name"/,
  "nonexistent-attribute.tf": /aws_cognito_user_pool\.this has no attribute "endpoints" \(did you mean endpoint\?\)/,
  "nonexistent-nested-attribute.tf": /aws_db_instance\.this\.master_user_secret has no attribute "secret_name"/,
  "unknown-nested-block.tf": /aws_lambda_function\.this\.vpc_config: unknown argument or block "assign_ipv6"/,
  "unknown-dynamic-block.tf": /dynamic "statements": no such block \(did you mean statement\?\)/,
  "missing-required-in-dynamic-block.tf": /statement\.principals: missing required argument "identifiers"/,
  "ignore-changes-unknown.tf": /ignore_changes names "desired_capacities", which is no argument \(did you mean desired_capacity\?\)/,
  "argument-written-as-block.tf": /"redrive_policy" is an argument, not a block/,
  "unknown-data-source.tf": /unknown data source type aws_caller_identities/,
};

for (const [name, expected] of Object.entries(planted)) {
  test(`a planted mistake is caught: ${name.replace(/\.tf$/, "").replaceAll("-", " ")}`, async () => {
    const problems = await fixture(name);
    assert.ok(problems.length >= 1, "the mistake is reported");
    for (const problem of problems) assert.match(problem, expected, "and nothing else is");
  });
}

test("every fixture is either the valid one or a planted mistake with its expected message", () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".tf")).sort();
  assert.deepEqual(files, ["valid.tf", ...Object.keys(planted)].sort());
});
