import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { format } from "@cdktf/hcl-tools";
import { listHclFiles, loadTree, rel } from "./lib/terraform-tree.mjs";

const files = listHclFiles();

test("the terraform tree has the modules, environments and test files it should", () => {
  const names = files.map(rel);
  for (const module of ["network", "database", "functions", "api", "events", "frontend", "dns", "cicd", "observability"]) {
    assert.ok(names.includes(`modules/${module}/main.tf`), `modules/${module}/main.tf is missing`);
  }
  assert.ok(names.includes("live/main.tf"), "live/main.tf (the one root) is missing");
  for (const env of ["dev", "prod"]) {
    for (const file of [`${env}.tfvars`, `${env}.s3.tfbackend`]) assert.ok(names.includes(`live/${file}`), `live/${file} is missing`);
  }
  assert.ok(names.filter((n) => n.endsWith(".tftest.hcl")).length >= 3, "expected terraform test files for plan-time assertions");
});

test("every HCL file parses (errors name file:line)", async () => {
  const { errors, files: parsed } = await loadTree();
  assert.deepEqual(errors, []);
  assert.equal(parsed.length, files.length);
});

test("every HCL file is formatted the way terraform fmt formats it", async () => {
  const unformatted = [];
  for (const path of files) {
    const source = readFileSync(path, "utf8");
    const formatted = await format(source);
    if (formatted !== source) {
      const a = source.split("\n");
      const b = formatted.split("\n");
      const line = a.findIndex((l, i) => l !== b[i]) + 1;
      unformatted.push(`${rel(path)}:${line}: not formatted (expected ${JSON.stringify(b[line - 1])})`);
    }
  }
  assert.deepEqual(unformatted, []);
});
