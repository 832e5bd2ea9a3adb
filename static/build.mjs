// Build GOV.UK Frontend into static/: our Sass to CSS, and its scripts and assets.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const govuk = "node_modules/govuk-frontend/dist/govuk";
const out = "static/govuk";
mkdirSync(out, { recursive: true });
cpSync(`${govuk}/assets`, `${out}/assets`, { recursive: true });
cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/govuk-frontend.min.js`);
const css = sass.compile("static/scss/app.scss", {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(`${out}/app.css`, css.css);
console.log(`built ${out}/app.css (${css.css.length} bytes)`);
