// Turns the hashicorp/aws provider schema carried by @cdktf/provider-aws (its .jsii manifest, ~130 MB of
// JSON) into a small extract the checks load in milliseconds: per resource and data source type, the
// arguments (required or not, nested blocks) and the readable attributes (computed ones included).
// Run once per provider version by run.sh (it needs a large heap); the result is cached in node_modules.
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import { PROVIDER_PACKAGE, schemaCachePath, normalize } from "./provider-schema.mjs";

const manifestPath = new URL(`../node_modules/${PROVIDER_PACKAGE}/.jsii`, import.meta.url);
const packagePath = new URL(`../node_modules/${PROVIDER_PACKAGE}/package.json`, import.meta.url);

export function buildExtract(manifest) {
  const types = manifest.types;
  const nodes = {};
  const resources = {};
  const dataSources = {};
  let providerVersion = null;

  // The registry link in each property's docs ends in #<real HCL name>; camelCase cannot be converted
  // back mechanically (addressLine1 is address_line_1).
  const hclName = (property) => {
    const docs = `${property.docs?.summary ?? ""} ${property.docs?.remarks ?? ""}`;
    const match = docs.match(/registry\.terraform\.io\/providers\/hashicorp\/aws\/[^/]+\/docs\/[^#\s]+#([A-Za-z0-9_]+)/);
    return match ? match[1] : property.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  };

  // The first struct of this assembly a type mentions (directly, in a collection or in a union).
  const structOf = (type) => {
    if (!type) return null;
    if (type.fqn) return types[type.fqn]?.datatype ? type.fqn : null;
    if (type.collection) return structOf(type.collection.elementtype);
    if (type.union) for (const t of type.union.types) {
      const found = structOf(t);
      if (found) return found;
    }
    return null;
  };

  // What an attribute read through a class property leads to: a nested node, "any" (maps, json) or null (a leaf).
  const attributeTarget = (type) => {
    if (!type) return null;
    if (type.primitive) return type.primitive === "any" || type.primitive === "json" ? "any" : null;
    if (type.collection) return type.collection.kind === "map" ? "any" : attributeTarget(type.collection.elementtype);
    if (type.union) return "any";
    const target = types[type.fqn];
    if (!target) return "any"; // cdktf's own map classes (StringMap, AnyMap, ...)
    if (target.datatype) return nodeFor(type.fqn, null);
    if (target.kind === "class") {
      const get = (target.methods ?? []).find((m) => m.name === "get" && !m.static);
      if (get) return attributeTarget(get.returns?.type); // lists and maps of objects: step into one element
      return nodeFor(type.fqn.replace(/OutputReference$/, ""), type.fqn);
    }
    return "any";
  };

  function nodeFor(structFqn, classFqn) {
    const key = structFqn;
    if (nodes[key]) return key;
    const node = { args: {}, attrs: {} };
    nodes[key] = node;
    const struct = types[structFqn];
    for (const property of struct?.properties ?? []) {
      const arg = {};
      if (!property.optional) arg.required = true;
      const nested = structOf(property.type);
      if (nested) arg.block = nodeFor(nested, types[`${nested}OutputReference`] ? `${nested}OutputReference` : null);
      node.args[hclName(property)] = arg;
      node.attrs[normalize(hclName(property))] = nested ? arg.block : attributeTarget(property.type);
    }
    const cls = types[classFqn ?? `${structFqn}OutputReference`];
    for (const property of cls?.properties ?? []) {
      if (property.static || property.name.endsWith("Input") || property.name === "internalValue" || property.protected) continue;
      node.attrs[normalize(property.name)] = attributeTarget(property.type);
    }
    return key;
  }

  for (const type of Object.values(types)) {
    if (type.kind !== "class") continue;
    const summary = type.docs?.summary ?? "";
    const kind = type.base === "cdktf.TerraformResource" ? "resources" : type.base === "cdktf.TerraformDataSource" ? "data-sources" : null;
    if (!kind) continue;
    const match = summary.match(/hashicorp\/aws\/([0-9.]+)\/docs\/(resources|data-sources)\/([a-z0-9_]+) (aws_[a-z0-9_]+)\}/);
    if (!match) continue;
    providerVersion = match[1];
    const config = type.initializer?.parameters?.find((p) => p.name === "config")?.type?.fqn;
    const node = nodeFor(config, type.fqn);
    // The class's own properties are the resource's readable attributes (arguments and computed ones).
    for (const property of type.properties ?? []) {
      if (property.static || property.name.endsWith("Input") || property.protected) continue;
      nodes[node].attrs[normalize(property.name)] = attributeTarget(property.type);
    }
    (kind === "resources" ? resources : dataSources)[match[4]] = node;
  }
  const ids = new Map(Object.keys(nodes).map((key, index) => [key, index.toString(36)]));
  const id = (target) => (typeof target === "string" && ids.has(target) ? ids.get(target) : target);
  const remap = (byType) => Object.fromEntries(Object.entries(byType).map(([type, node]) => [type, id(node)]));
  return {
    package: `${manifest.name}@${manifest.version}`,
    provider: `hashicorp/aws ${providerVersion}`,
    resources: remap(resources),
    dataSources: remap(dataSources),
    nodes: Object.fromEntries(Object.entries(nodes).map(([key, node]) => [ids.get(key), compactNode(node, id)])),
  };
}

// Short node ids instead of jsii fqns keep the extract small.
function compactNode(node, id) {
  const args = {};
  for (const [name, arg] of Object.entries(node.args)) args[name] = arg.block ? { ...arg, block: id(arg.block) } : arg;
  const attrs = {};
  for (const [name, target] of Object.entries(node.attrs)) attrs[name] = id(target);
  return { args, attrs };
}

export function ensureExtract() {
  const version = JSON.parse(readFileSync(packagePath, "utf8")).version;
  const target = schemaCachePath(version);
  if (existsSync(target)) return target;
  const extract = buildExtract(JSON.parse(readFileSync(manifestPath, "utf8")));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(`${target}.tmp`, JSON.stringify(extract));
  renameSync(`${target}.tmp`, target);
  return target;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const path = ensureExtract();
  console.log(`provider schema extract: ${path} (${Date.now() - started} ms)`);
}
