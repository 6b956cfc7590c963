// Rewrites every HCL file under terraform/ the way `terraform fmt` would (node fmt.mjs).
import { readFileSync, writeFileSync } from "node:fs";
import { format } from "@cdktf/hcl-tools";
import { listHclFiles, rel } from "./lib/terraform-tree.mjs";

for (const path of listHclFiles()) {
  const source = readFileSync(path, "utf8");
  const formatted = await format(source);
  if (formatted !== source) {
    writeFileSync(path, formatted);
    console.log(`formatted ${rel(path)}`);
  }
}
