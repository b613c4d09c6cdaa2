// Bundles src/viewer.js with three.js into ../workbench/ui/static/viewer.js (one ESM file, minified).
// Its first line records the SHA-256 of package-lock.json and src/viewer.js, which
// tests/ui/test_light_viewer.py recomputes: a changed source without a rebuild fails there.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";

const SOURCES = ["package-lock.json", "src/viewer.js"];
const h = createHash("sha256");
for (const f of SOURCES) h.update(readFileSync(f));
const out = "../workbench/ui/static/viewer.js";
const result = await build({
  entryPoints: ["src/viewer.js"], bundle: true, format: "esm", minify: true,
  target: "es2020", write: false, legalComments: "eof",
});
mkdirSync("../workbench/ui/static", { recursive: true });
const header = `// workbench light viewer; sources sha256 ${h.digest("hex")} (${SOURCES.join(" + ")})\n`;
writeFileSync(out, header + result.outputFiles[0].text);
console.log(`wrote ${out}`);
