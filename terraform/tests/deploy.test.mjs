// The pieces the pipeline hands to each other agree: buildspec outputs, CodePipeline artifacts,
// the buildspec paths the CodeBuild projects name, the jar paths, and the appspec hook scripts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { loadTree, TERRAFORM_ROOT } from "./lib/terraform-tree.mjs";

const REPO = resolve(TERRAFORM_ROOT, "..");
const read = (path) => readFileSync(resolve(REPO, path), "utf8");
const tree = await loadTree();
const cicd = tree.module("modules/cicd");

test("every buildspec a CodeBuild project names exists in the repository", () => {
  for (const [key, project] of Object.entries(cicd.locals().projects.value)) {
    assert.ok(existsSync(resolve(REPO, project.buildspec)), `${key}: ${project.buildspec} is missing`);
  }
});

test("the build emits exactly the artifacts the pipeline consumes", () => {
  const buildspec = read("buildspec.yml");
  const pipeline = cicd.resources("aws_codepipeline")[0].body;
  const build = pipeline.stage.find((s) => s.name === "Build").action[0];
  for (const artifact of build.output_artifacts) {
    assert.match(buildspec, new RegExp(`^    ${artifact}:$`, "m"), `buildspec.yml has no secondary artifact ${artifact}`);
  }
  for (const jar of Object.values(cicd.locals().jar_paths.value)) {
    assert.ok(buildspec.includes(`- ${jar}`), `buildspec.yml does not ship ${jar}`);
  }
  assert.ok(buildspec.includes("- database-migrations/target/database-migrations-exec.jar"));
  assert.match(read("deploy/buildspec-migrate.yml"), /java -jar database-migrations\/target\/database-migrations-exec\.jar/);
});

test("the buildspec installs Java 21, runs the Maven build and the Terraform checks", () => {
  const buildspec = read("buildspec.yml");
  assert.match(buildspec, /java: corretto21/);
  assert.match(buildspec, /\.\/mvnw -B verify/);
  // issue 15: the mutation profile, for each of the four modules with a threshold, runs in CodeBuild (not in .ci/run)
  const mutation = buildspec.match(/^ +- \.\/mvnw -B -Pmutation -pl (\S+) -am test-compile org\.pitest:pitest-maven:mutationCoverage$/m);
  assert.ok(mutation, "buildspec.yml does not run the mutation profile");
  assert.deepEqual(mutation[1].split(",").sort(), ["command-api", "projection-maintenance", "projection-worker", "rating-domain"]);
  assert.match(buildspec, /terraform\/tests\/run\.sh/);
  const checks = read("deploy/ci/terraform-checks.sh");
  for (const step of ["terraform fmt -check", "validate", "tflint --chdir", " test "]) assert.ok(checks.includes(step), `terraform-checks.sh lacks ${step}`);
});

test("every appspec hook points at an executable script; the site validates what nginx serves", () => {
  const appspec = read("deploy/frontend/appspec.yml");
  const locations = [...appspec.matchAll(/location: (\S+)/g)].map((m) => m[1]);
  assert.deepEqual(locations.sort(), ["scripts/after-install.sh", "scripts/application-start.sh", "scripts/before-install.sh", "scripts/validate-service.sh"]);
  for (const location of locations) {
    const path = resolve(REPO, "deploy/frontend", location);
    assert.ok(existsSync(path), `${location} is missing`);
    assert.ok(statSync(path).mode & 0o111, `${location} is not executable`);
  }
  const validate = read("deploy/frontend/scripts/validate-service.sh");
  assert.match(validate, /sha256sum/);
  assert.match(validate, /config\.js/);
});

test("the instances' first boot answers the health check the target group uses", () => {
  const frontend = tree.module("modules/frontend");
  const healthPath = frontend.variables().health_check_path.body.default;
  const userData = readFileSync(resolve(frontend.dir, "templates/user-data.sh.tftpl"), "utf8");
  assert.match(userData, /location = \$\{health_check_path\}/);
  assert.match(read("deploy/frontend/nginx/movie-ratings.conf.template"), new RegExp(`location = ${healthPath} `));
});

/** The text of one top-level job of .gitlab-ci.yml (up to the next unindented key). */
const gitlabJob = (name) => {
  const text = read(".gitlab-ci.yml");
  const start = text.search(new RegExp(`^${name}:$`, "m"));
  assert.ok(start >= 0, `.gitlab-ci.yml has no job ${name}`);
  const rest = text.slice(start + name.length + 2);
  const end = rest.search(/^\S/m);
  return end < 0 ? rest : rest.slice(0, end);
};

test("GitLab: the LocalStack job reaches docker:dind the way dind listens (plain 2375 with TLS off, or TLS on 2376)", () => {
  const job = gitlabJob("localstack");
  assert.match(job, /docker:dind/);
  const host = job.match(/DOCKER_HOST:\s*tcp:\/\/docker:(\d+)/)?.[1];
  if (host === "2375") assert.match(job, /DOCKER_TLS_CERTDIR:\s*""/, "dind enables TLS unless DOCKER_TLS_CERTDIR is empty");
  else {
    assert.equal(host, "2376");
    assert.match(job, /DOCKER_TLS_VERIFY:\s*"?1"?/);
    assert.match(job, /DOCKER_CERT_PATH:/);
  }
});

test("GitLab: the test job installs Debian package names on a Debian image", () => {
  const job = gitlabJob("test");
  const image = job.match(/image:\s*(\S+)/)[1];
  assert.match(image, /bookworm|bullseye|trixie|debian/, `${image} is not a Debian image (chromium is a snap stub on Ubuntu)`);
  assert.match(job, /apt-get install[^\n]*\bchromium\b[^\n]*\bchromium-driver\b/);
});

test("terraform-checks.sh validates a module with provider aliases only through the root that hands them over", () => {
  const checks = read("deploy/ci/terraform-checks.sh");
  const aliased = tree.modules.filter((m) => m.terraformBlocks().some(({ body }) => JSON.stringify(body).includes("configuration_aliases")));
  assert.ok(aliased.length >= 1, "the api module declares aws.us_east_1");
  assert.match(checks, /grep -q configuration_aliases "\$dir\/versions\.tf"[\s\S]*continue/);
  for (const module of aliased) assert.ok(module.files.some((f) => f.path.endsWith("/versions.tf") && f.source.includes("configuration_aliases")), `${module.name}: aliases in versions.tf`);
});

test("the catalog step gets exactly the variables its scripts read, and its artifact ships them with the MovieLens files and README", () => {
  const project = cicd.resources("aws_codebuild_project").find((p) => p.name === "catalog").body;
  const environment = project.environment[0];
  const set = [
    ...environment.environment_variable.map((v) => v.name),
    ...(environment.dynamic?.environment_variable ?? []).flatMap((d) => d.content.map((c) => c.name)),
  ];
  const scripts = [...read("deploy/buildspec-catalog.yml").matchAll(/^\s+- bash (deploy\/\S+\.sh)$/gm)].map((m) => m[1]);
  assert.deepEqual(scripts, ["deploy/lambda/publish-catalog.sh", "deploy/lambda/import-catalog.sh"]);
  const text = scripts.map(read).join("\n");
  const required = [...text.matchAll(/\$\{([A-Z_]+):\?\}/g)].map((m) => m[1]);
  for (const name of required) assert.ok(set.includes(name), `the scripts need ${name}; the project does not set it`);
  for (const name of set) assert.match(text, new RegExp(`\\$\\{${name}[:}]`), `the project sets ${name}; no script reads it`);
  const upload = environment.dynamic.environment_variable[0].for_each.match(/\["([^"]+)"\]/)[1];
  for (const file of ["movies.csv", "links.csv", "README.txt"]) assert.ok(existsSync(resolve(REPO, upload, file)), `${upload}/${file}`);
  const buildspec = read("buildspec.yml");
  const shipped = buildspec.slice(buildspec.search(/^    Catalog:$/m)).split(/\n(?=    [A-Za-z]|\S)/)[0];
  for (const file of ["deploy/**/*", `${upload}/movies.csv`, `${upload}/links.csv`, `${upload}/README.txt`]) {
    assert.ok(shipped.includes(`- ${file}`), `the Catalog artifact lacks ${file}`);
  }
  const action = cicd.resources("aws_codepipeline")[0].body.stage.flatMap((s) => s.action).find((a) => a.name === "Catalog");
  assert.deepEqual(action.input_artifacts, ["Catalog"]);
});
