// Loads every HCL file under terraform/ with a real HCL parser (@cdktf/hcl2json, the HashiCorp HCL
// library compiled to wasm) and groups the .tf files into Terraform modules (one per directory).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, getReferencesInExpression, getExpressionAst } from "@cdktf/hcl2json";

export const TERRAFORM_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const SKIP_DIRS = new Set(["node_modules", ".terraform"]);
const HCL_FILE = /(\.tf|\.tftest\.hcl|\.tfvars|\.tfbackend|\.tfvars\.example|\.hcl|\.hcl\.example)$/;

export function listHclFiles(root = TERRAFORM_ROOT) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        // terraform/tests is this checker itself; modules' own tests/ folders hold *.tftest.hcl files.
        if (!SKIP_DIRS.has(entry) && path !== join(root, "tests")) walk(path);
      } else if (HCL_FILE.test(entry)) {
        found.push(path);
      }
    }
  };
  walk(root);
  return found;
}

export const rel = (path) => relative(TERRAFORM_ROOT, path);

/** Parses one file; on a syntax error throws an Error whose message starts with file:line. */
export async function parseFile(path, source = readFileSync(path, "utf8")) {
  try {
    return await parse(rel(path), source);
  } catch (error) {
    const text = String(error?.message ?? error);
    // hcl2json reports "<file>:<line>,<col>-<line>,<col>: <summary>; <detail>"
    const match = text.match(/([^\s[]+):(\d+),(\d+)/);
    const where = match ? `${match[1]}:${match[2]}` : rel(path);
    throw new Error(`${where}: ${text}`);
  }
}

/** First 1-based line of `needle` (string or RegExp) in `source`, or 1. */
export function lineOf(source, needle) {
  const index = typeof needle === "string" ? source.indexOf(needle) : source.search(needle);
  return index < 0 ? 1 : source.slice(0, index).split("\n").length;
}

/** One Terraform module: the .tf files of one directory, parsed and merged by block type. */
export class TerraformModule {
  constructor(dir, files) {
    this.dir = dir;
    this.name = rel(dir);
    this.files = files; // [{ path, source, json }]
  }

  /** Blocks of a kind with one label, e.g. variable, output, module: name -> { body, file }. */
  labelled(kind) {
    const out = {};
    for (const file of this.files) {
      for (const [name, bodies] of Object.entries(file.json[kind] ?? {})) {
        out[name] = { body: bodies[0], file, line: lineOf(file.source, `${kind} "${name}"`) };
      }
    }
    return out;
  }

  /** Blocks with two labels (resource, data): list of { type, name, body, file, line }. */
  typed(kind) {
    const out = [];
    for (const file of this.files) {
      for (const [type, byName] of Object.entries(file.json[kind] ?? {})) {
        for (const [name, bodies] of Object.entries(byName)) {
          out.push({ type, name, body: bodies[0], file, line: lineOf(file.source, `${kind} "${type}" "${name}"`) });
        }
      }
    }
    return out;
  }

  resources(type) {
    return this.typed("resource").filter((r) => type === undefined || r.type === type);
  }

  dataSources(type) {
    return this.typed("data").filter((d) => type === undefined || d.type === type);
  }

  variables() {
    return this.labelled("variable");
  }

  outputs() {
    return this.labelled("output");
  }

  moduleCalls() {
    return this.labelled("module");
  }

  locals() {
    const out = {};
    for (const file of this.files) {
      for (const block of file.json.locals ?? []) {
        for (const [name, value] of Object.entries(block)) out[name] = { value, file, line: lineOf(file.source, new RegExp(`^\\s*${name}\\s*=`, "m")) };
      }
    }
    return out;
  }

  terraformBlocks() {
    return this.files.flatMap((file) => (file.json.terraform ?? []).map((body) => ({ body, file })));
  }
}

let cache;

/** Every HCL file parsed (syntax errors collected, not thrown) and the .tf modules. */
export async function loadTree(root = TERRAFORM_ROOT) {
  if (cache && root === TERRAFORM_ROOT) return cache;
  const files = [];
  const errors = [];
  for (const path of listHclFiles(root)) {
    const source = readFileSync(path, "utf8");
    try {
      files.push({ path, source, json: await parseFile(path, source) });
    } catch (error) {
      errors.push(error.message);
    }
  }
  const byDir = new Map();
  for (const file of files.filter((f) => f.path.endsWith(".tf"))) {
    const dir = dirname(file.path);
    if (!byDir.has(dir)) byDir.set(dir, []);
    byDir.get(dir).push(file);
  }
  const modules = [...byDir.entries()].map(([dir, tfFiles]) => new TerraformModule(dir, tfFiles));
  const tree = { root, files, errors, modules, module: (name) => modules.find((m) => m.name === name) };
  if (root === TERRAFORM_ROOT) cache = tree;
  return tree;
}

/** Builds a module from inline sources, for tests of the checks themselves. */
export async function moduleFromSources(name, sources) {
  const files = [];
  for (const [fileName, source] of Object.entries(sources)) {
    files.push({ path: join(TERRAFORM_ROOT, name, fileName), source, json: await parse(fileName, source) });
  }
  return new TerraformModule(join(TERRAFORM_ROOT, name), files);
}

/** Every string in a parsed value, with the attribute path that leads to it. */
export function* strings(value, path = []) {
  if (typeof value === "string") yield { value, path };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, [...path, i]);
  else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) yield* strings(item, [...path, key]);
}

/**
 * References (var.x, local.y, aws_thing.name, module.m.out, data.t.n, ...) in an expression string, from
 * HCL's own syntax tree: every scope traversal, minus the variables a for expression binds. Index steps
 * are dropped (aws_thing.name["key"].attr -> aws_thing.name.attr). getReferencesInExpression alone skips
 * the bodies of for expressions, so it is only the fallback.
 */
export async function referencesIn(fileName, expression) {
  if (!expression.includes("${")) return [];
  const whole = expression.match(/^\$\{([\s\S]*)\}$/);
  for (const candidate of whole ? [whole[1], `"${expression}"`] : [`"${expression}"`]) {
    try {
      const refs = new Set();
      collectTraversals(await getExpressionAst(fileName, candidate), new Set(), refs);
      return [...refs];
    } catch {
      // not parseable this way: try the next form
    }
  }
  return (await getReferencesInExpression(fileName, expression)).map((ref) => ref.value);
}

function collectTraversals(node, bound, out) {
  if (!node) return;
  let inner = bound;
  if (node.type === "for") {
    inner = new Set(bound);
    if (node.meta.keyVar) inner.add(node.meta.keyVar);
    if (node.meta.valVar) inner.add(node.meta.valVar);
  }
  if (node.type === "scopeTraversal") {
    const segments = node.meta.traversal.filter((step) => step.type === "nameTraversal").map((step) => step.segment);
    if (!inner.has(segments[0])) out.add(segments.join("."));
  }
  // A for expression's collection (its first child) is evaluated outside the names it binds.
  (node.children ?? []).forEach((child, index) => collectTraversals(child, node.type === "for" && index === 0 ? bound : inner, out));
}

/** Unwraps "${expr}" into expr; literal strings stay as they are. */
export function expressionOf(value) {
  if (typeof value !== "string") return value;
  const match = value.match(/^\$\{([\s\S]*)\}$/);
  return match ? match[1].trim() : value;
}
