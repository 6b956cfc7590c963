// Checks of the pipeline's catalog step (terraform/modules/cicd + its call in the root). Like checks.mjs,
// each returns a list of problems ("file:line: what"), empty when the property holds.
import { rel } from "./terraform-tree.mjs";

export const CATALOG_BUILDSPEC = "deploy/buildspec-catalog.yml";
export const FUNCTIONS_BUILDSPEC = "deploy/buildspec-deploy-functions.yml";

const at = (item) => `${rel(item.file.path)}:${item.line ?? 1}`;
const list = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const first = (value) => (Array.isArray(value) ? value[0] : value);

/** The CodeBuild project (resource) that runs local.projects[key], and that key, for one buildspec path. */
function projectRunning(cicd, buildspec) {
  const projects = cicd.locals().projects?.value ?? {};
  const key = Object.keys(projects).find((k) => projects[k].buildspec === buildspec);
  if (key === undefined) return {};
  const resource = cicd.resources("aws_codebuild_project").find((r) => first(r.body.source)?.buildspec === `\${local.projects["${key}"].buildspec}`);
  return { key, resource };
}

/** Every action of the pipeline with its place: stage index (as written) and run_order within the stage. */
function actions(pipeline) {
  return list(pipeline.body.stage).flatMap((stage, index) =>
    list(stage.action).map((action) => ({ stage: stage.name, index, order: Number(action.run_order ?? 1), action })));
}

const before = (a, b) => a.index < b.index || (a.index === b.index && a.order < b.order);
const place = (p) => `${p.stage} run_order ${p.order}`;

/** Statements of the policy documents attached (inline) to one CodeBuild role, with the document's name. */
function roleStatements(cicd, key) {
  const own = `\${aws_iam_role.codebuild["${key}"].id}`;
  const shared = "${aws_iam_role.codebuild[each.key].id}";
  const documents = cicd.resources("aws_iam_role_policy")
    .filter((p) => p.body.role === own || (p.body.role === shared && p.body.for_each === "${local.projects}"))
    .map((p) => String(p.body.policy).match(/^\$\{data\.aws_iam_policy_document\.([a-z0-9_]+)(\[[^\]]+\])?\.json\}$/)?.[1]);
  return cicd.dataSources("aws_iam_policy_document")
    .filter((d) => documents.includes(d.name))
    .flatMap((d) => [...list(d.body.statement), ...list(d.body.dynamic?.statement).flatMap((s) => list(s.content))].map((s) => ({ doc: d, s })));
}

const invokes = (statement) => list(statement.actions).some((a) => /^(\*|lambda:\*|lambda:Invoke)/i.test(a));

/**
 * The pipeline runs deploy/buildspec-catalog.yml in a CodeBuild step after the functions deploy and not after
 * the site; the pipeline may start that project; its role may invoke exactly the live alias of the ops function
 * (as the root wires it), and no other CodeBuild role may invoke a function.
 */
export function checkCatalogStep(cicd, root) {
  const catalog = projectRunning(cicd, CATALOG_BUILDSPEC);
  const functions = projectRunning(cicd, FUNCTIONS_BUILDSPEC);
  if (!catalog.resource) return [`${cicd.name}: no CodeBuild project runs ${CATALOG_BUILDSPEC}`];
  if (!functions.resource) return [`${cicd.name}: no CodeBuild project runs ${FUNCTIONS_BUILDSPEC}`];
  const problems = [];
  const pipeline = cicd.resources("aws_codepipeline")[0];
  const all = actions(pipeline);
  const running = (resource) => all.filter((p) => p.action.provider === "CodeBuild" && first(p.action.configuration)?.ProjectName === `\${aws_codebuild_project.${resource.name}.name}`);
  const [catalogStep, ...extraCatalog] = running(catalog.resource);
  const [functionsStep] = running(functions.resource);
  if (!catalogStep) problems.push(`${at(pipeline)}: no pipeline action runs aws_codebuild_project.${catalog.resource.name} (${CATALOG_BUILDSPEC})`);
  if (extraCatalog.length > 0) problems.push(`${at(pipeline)}: the catalog project runs more than once`);
  if (!functionsStep) problems.push(`${at(pipeline)}: no pipeline action deploys the functions`);
  if (catalogStep && functionsStep && !before(functionsStep, catalogStep)) {
    problems.push(`${at(pipeline)}: the catalog step (${place(catalogStep)}) must come after the functions deploy (${place(functionsStep)}): it invokes the new ops function`);
  }
  for (const site of all.filter((p) => p.action.provider === "CodeDeploy")) {
    if (catalogStep && before(site, catalogStep)) problems.push(`${at(pipeline)}: the site (${place(site)}) goes live before the catalog step (${place(catalogStep)})`);
  }
  const outputs = all.flatMap((p) => list(p.action.output_artifacts).map((name) => ({ name, p })));
  for (const input of list(catalogStep?.action.input_artifacts)) {
    if (!outputs.some((o) => o.name === input && before(o.p, catalogStep))) problems.push(`${at(pipeline)}: the catalog step's input ${input} is produced by no earlier action`);
  }

  const starts = cicd.dataSources("aws_iam_policy_document").find((d) => d.name === "pipeline");
  const startable = list(starts?.body.statement).filter((s) => list(s.actions).includes("codebuild:StartBuild")).flatMap((s) => list(s.resources));
  if (!startable.includes(`\${aws_codebuild_project.${catalog.resource.name}.arn}`)) problems.push(`${cicd.name}: the pipeline's role may not start aws_codebuild_project.${catalog.resource.name}`);

  const grant = invokeGrant(cicd, catalog.key);
  problems.push(...grant.problems);
  if (grant.variable) problems.push(...problemsOfWiring(root, catalog.resource, grant.variable));
  for (const key of Object.keys(cicd.locals().projects.value).filter((k) => k !== catalog.key)) {
    for (const { doc, s } of roleStatements(cicd, key).filter(({ s }) => invokes(s))) {
      problems.push(`${at(doc)}: data.aws_iam_policy_document.${doc.name} lets the ${key} project invoke functions; only the catalog step may`);
    }
  }
  return problems;
}

/** The catalog role's invoke grant: exactly lambda:InvokeFunction on one var.<object>.<attribute> (returned). */
function invokeGrant(cicd, key) {
  const problems = [];
  const grants = roleStatements(cicd, key).filter(({ s }) => invokes(s) && (s.effect ?? "Allow") === "Allow");
  if (grants.length !== 1) {
    return { problems: [`${cicd.name}: the ${key} project's role needs exactly one statement that invokes the ops function, found ${grants.length}`] };
  }
  const { doc, s } = grants[0];
  const where = `${at(doc)}: data.aws_iam_policy_document.${doc.name} statement ${s.sid ?? ""}`.trim();
  if (JSON.stringify(list(s.actions)) !== JSON.stringify(["lambda:InvokeFunction"])) problems.push(`${where}: grants ${list(s.actions).join(", ")}; only lambda:InvokeFunction`);
  const resources = list(s.resources);
  const match = resources.length === 1 ? String(resources[0]).match(/^\$\{var\.([a-z0-9_]+)\.([a-z0-9_]+)\}$/) : null;
  if (!match) {
    problems.push(`${where}: may invoke ${JSON.stringify(resources)}; it must name exactly the ops function's alias (one var.<input>.<arn>, no wildcard)`);
    return { problems };
  }
  return { problems, variable: { name: match[1], attribute: match[2] } };
}

/** The root hands that input the ops function's live alias, and the project invokes the same function and alias. */
function problemsOfWiring(root, project, variable) {
  const problems = [];
  const call = Object.values(root.moduleCalls()).find((m) => String(m.body.source).endsWith("modules/cicd"));
  const input = call?.body[variable.name];
  if (!call || !input) return [`${root.name}: the cicd module call sets no ${variable.name}`];
  const wired = { [variable.attribute]: '${module.functions.alias_arns["ops"]}', function_name: '${module.functions.function_names["ops"]}', alias_name: "${module.functions.alias_name}" };
  for (const [attribute, expected] of Object.entries(wired)) {
    if (input[attribute] !== expected) problems.push(`${at(call)}: module.cicd ${variable.name}.${attribute} is ${JSON.stringify(input[attribute])}, not ${expected}`);
  }
  const environment = Object.fromEntries(list(first(project.body.environment)?.environment_variable).map((v) => [v.name, v.value]));
  const expected = { OPS_FUNCTION_NAME: `\${var.${variable.name}.function_name}`, OPS_FUNCTION_QUALIFIER: `\${var.${variable.name}.alias_name}` };
  for (const [name, value] of Object.entries(expected)) {
    if (environment[name] !== value) problems.push(`${at(project)}: aws_codebuild_project.${project.name} sets ${name} to ${JSON.stringify(environment[name])}, not ${value} (what its role may invoke)`);
  }
  return problems;
}
