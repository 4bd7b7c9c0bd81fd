// `npm run derive -- SPECS_DIR`: regenerate every derived data file (src/data/**, the MAS Admin API fixture)
// from a folder of upstream reference documents laid out as SPECS_DIR/{ess,mas,synapse,element-web}/.
import { execFileSync } from "node:child_process";
import path from "node:path";

const specs = process.argv[2];
if (!specs) {
  console.error("usage: npm run derive -- SPECS_DIR   (a folder with ess/, mas/, synapse/, element-web/)");
  process.exit(2);
}
const here = path.dirname(new URL(import.meta.url).pathname);
for (const [script, arg] of [
  ["derive-ess.mjs", path.join(specs, "ess")],
  ["derive-components.mjs", specs],
]) {
  execFileSync(process.execPath, [path.join(here, script), arg], { stdio: "inherit" });
}
