// Prints what a lockfile pins (path, version, integrity), so run.sh can tell whether node_modules is current.
const file = process.argv[2];
let packages = {};
try {
  packages = require(require("node:path").resolve(file)).packages ?? {};
} catch {
  // no lockfile: nothing installed
}
const pinned = Object.entries(packages).filter(([path]) => path !== "").map(([path, p]) => `${path} ${p.version} ${p.integrity}`);
console.log(pinned.sort().join("\n"));
