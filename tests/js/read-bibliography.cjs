// Reads a bibliography with citation-js (the reader Zotero's ecosystem uses) and prints it as CSL-JSON.
// Usage: node read-bibliography.cjs FORMAT FILE, FORMAT one of bibtex, ris, csl-json.
// With a third argument "apa", prints the APA citation of every item instead.
const fs = require("fs");
const { Cite } = require("@citation-js/core");
require("@citation-js/plugin-bibtex");
require("@citation-js/plugin-ris");
require("@citation-js/plugin-csl");

const [format, file, style] = process.argv.slice(2);
const text = fs.readFileSync(file, "utf8");
const types = { bibtex: "@biblatex/text", ris: "@ris/file", "csl-json": "@csl/list+object" };
const input = format === "csl-json" ? JSON.parse(text) : text;
const cite = new Cite(input, { forceType: types[format] });
if (style === "apa") {
  const out = cite.data.map((item) => new Cite(item).format("citation", { template: "apa", lang: "en-US" }));
  process.stdout.write(JSON.stringify(out));
} else {
  process.stdout.write(JSON.stringify(cite.data.map(({ _graph, ...item }) => item)));
}
