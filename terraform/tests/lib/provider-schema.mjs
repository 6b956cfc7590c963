// The hashicorp/aws provider schema (from @cdktf/provider-aws's .jsii manifest, see build-provider-schema.mjs)
// and the checks of Terraform blocks against it: what `terraform validate` would refuse, without terraform.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { strings, referencesIn, rel } from "./terraform-tree.mjs";

export const PROVIDER_PACKAGE = "@cdktf/provider-aws";

export function schemaCachePath(version) {
  return fileURLToPath(new URL(`../node_modules/.cache/movie-ratings/aws-provider-schema-${version}.json`, import.meta.url));
}

let loaded;

/** The extract for the installed provider package; run.sh builds it before the tests. */
export function loadProviderSchema() {
  if (loaded) return loaded;
  const version = JSON.parse(readFileSync(new URL(`../node_modules/${PROVIDER_PACKAGE}/package.json`, import.meta.url), "utf8")).version;
  const path = schemaCachePath(version);
  try {
    loaded = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`no provider schema extract at ${path}: run bash terraform/tests/run.sh (it builds it) (${error.message})`);
  }
  return loaded;
}

// --- Blocks and arguments ------------------------------------------------------------------------------

// Meta-arguments Terraform itself handles in every resource and data block.
const META = new Set(["count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection"]);
const LIFECYCLE = new Set(["create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by", "precondition", "postcondition"]);

const list = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** Attribute names compared without case and underscores (the extract's attribute keys are normalized). */
export function normalize(name) {
  return String(name).replace(/_/g, "").toLowerCase();
}

function closest(name, candidates) {
  let best = null;
  let bestDistance = 4;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const d = distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best ? ` (did you mean ${best}?)` : "";
}

function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** Arguments and nested blocks (dynamic ones included) of one block body against its schema node. */
function checkBody(schema, body, nodeId, where, problems, topLevel, source) {
  const node = schema.nodes[nodeId];
  if (!isObject(body) || !node) return;
  for (const [key, value] of Object.entries(body)) {
    if (topLevel && META.has(key)) continue;
    if (key === "dynamic") {
      for (const [label, dynamics] of Object.entries(value)) {
        const arg = node.args[label];
        if (!arg?.block) {
          problems.push(`${where}: dynamic "${label}": no such block${closest(label, Object.keys(node.args))}`);
          continue;
        }
        for (const dynamic of list(dynamics)) {
          for (const content of list(dynamic.content)) checkBody(schema, content, arg.block, `${where}.${label}`, problems, false, source);
        }
      }
      continue;
    }
    const arg = node.args[key];
    if (!arg) {
      problems.push(`${where}: unknown argument or block "${key}"${closest(key, Object.keys(node.args))}`);
      continue;
    }
    if (arg.block) {
      for (const nested of list(value)) checkBody(schema, nested, arg.block, `${where}.${key}`, problems, false, source);
    } else if (list(value).length > 0 && list(value).every(isObject) && new RegExp(`^\\s*${key}\\s*\\{`, "m").test(source)) {
      // hcl2json writes `key { ... }` and `key = [{ ... }]` alike; the source tells a block from a value.
      problems.push(`${where}: "${key}" is an argument, not a block (write ${key} = ...)`);
    }
  }
  for (const [name, arg] of Object.entries(node.args)) {
    if (arg.required && !(name in body) && !(isObject(body.dynamic) && name in body.dynamic)) {
      problems.push(`${where}: missing required argument "${name}"`);
    }
  }
}

/** lifecycle.ignore_changes names arguments of the resource (a nested path walks into its blocks). */
function checkLifecycle(schema, body, nodeId, where, problems) {
  for (const lifecycle of list(body.lifecycle)) {
    for (const key of Object.keys(lifecycle)) if (!LIFECYCLE.has(key)) problems.push(`${where}: lifecycle has no "${key}"`);
    const ignored = lifecycle.ignore_changes;
    if (ignored === undefined || ignored === "all" || ignored === "${all}") continue;
    for (const entry of list(ignored)) {
      const path = String(entry).replace(/^\$\{|\}$/g, "").replace(/\[[^\]]*\]/g, "").split(".");
      let node = schema.nodes[nodeId];
      for (const segment of path) {
        const arg = node?.args[segment];
        if (!arg) {
          problems.push(`${where}: lifecycle.ignore_changes names "${path.join(".")}", which is no argument${closest(segment, Object.keys(node?.args ?? {}))}`);
          break;
        }
        node = arg.block ? schema.nodes[arg.block] : null;
        if (!node) break;
      }
    }
  }
}

/** Every resource and data block of a module against the provider schema (types, arguments, blocks). */
export function checkBlocksAgainstSchema(module, schema = loadProviderSchema()) {
  const problems = [];
  for (const [kind, blocks, types] of [
    ["resource", module.resources(), schema.resources],
    ["data", module.dataSources(), schema.dataSources],
  ]) {
    for (const block of blocks) {
      const where = `${rel(block.file.path)}:${block.line}: ${kind === "data" ? "data." : ""}${block.type}.${block.name}`;
      if (!block.type.startsWith("aws_")) continue; // other providers (none today) are not in this schema
      const nodeId = types[block.type];
      if (nodeId === undefined) {
        problems.push(`${where}: unknown ${kind === "data" ? "data source" : "resource"} type ${block.type}${closest(block.type, Object.keys(types))}`);
        continue;
      }
      checkBody(schema, block.body, nodeId, where, problems, true, block.file.source);
      checkLifecycle(schema, block.body, nodeId, where, problems);
    }
  }
  return problems;
}

// --- References ----------------------------------------------------------------------------------------

/**
 * The attribute path of a reference to a resource or data source (aws_x.name.attr..., data.aws_y.name.attr...)
 * exists in the schema: a computed attribute, an argument, or a field of a nested block. Index steps
 * were already dropped by referencesIn; maps and JSON values end the walk.
 */
export function checkReferencePath(reference, schema = loadProviderSchema()) {
  const segments = reference.split(".");
  const isData = segments[0] === "data";
  const [type, , ...path] = isData ? segments.slice(1) : segments;
  if (!type?.startsWith("aws_")) return null;
  const nodeId = (isData ? schema.dataSources : schema.resources)[type];
  if (nodeId === undefined) return `${reference}: unknown ${isData ? "data source" : "resource"} type ${type}`;
  let node = schema.nodes[nodeId];
  let walked = segments.slice(0, isData ? 3 : 2).join(".");
  for (const segment of path) {
    if (!node) return `${reference}: ${walked} is a single value; it has no attribute "${segment}"`;
    const target = node.attrs[normalize(segment)];
    if (target === undefined) {
      const names = Object.keys(node.args).concat(Object.keys(node.attrs));
      return `${reference}: ${walked} has no attribute "${segment}"${closest(normalize(segment), Object.keys(node.attrs)).replace(/did you mean (\S+)\?/, (m, n) => `did you mean ${names.find((x) => normalize(x) === n) ?? n}?`)}`;
    }
    if (target === "any") return null;
    node = target === null ? null : schema.nodes[target];
    walked = `${walked}.${segment}`;
  }
  return null;
}

/** Blocks, arguments and every resource/data attribute path of one module against the provider schema. */
export async function checkAgainstProviderSchema(module, schema = loadProviderSchema()) {
  const problems = checkBlocksAgainstSchema(module, schema);
  for (const file of module.files) {
    for (const { value, path } of strings(file.json)) {
      if (path.includes("ignore_changes")) continue; // attribute names, checked by checkLifecycle
      for (const reference of await referencesIn(rel(file.path), value)) {
        const problem = checkReferencePath(reference, schema);
        if (problem) {
          const line = file.source.split("\n").findIndex((l) => l.includes(reference.split(".").slice(0, 3).join("."))) + 1;
          problems.push(`${rel(file.path)}:${line || 1}: ${problem}`);
        }
      }
    }
  }
  return [...new Set(problems)];
}
