// pdf.js reads a PDF as Firefox and most web viewers do.
//   node pdfjs.mjs text PDF    the text of each page (getTextContent),
//                              a line break where pdf.js ends a line
//   node pdfjs.mjs struct PDF  the structure tree of each page
//                              (getStructTree): a role a line, indented,
//                              @ its language if it has one, its
//                              alternate text after a tab
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const [mode, file] = process.argv.slice(2);
const data = new Uint8Array(readFileSync(file));
const doc = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
const out = [];

function walk(node, depth) {
  if (!node || !node.role) return;
  out.push("  ".repeat(depth) + node.role + (node.lang ? "@" + node.lang : "") +
    (node.alt ? "\t" + node.alt : ""));
  for (const kid of node.children || []) walk(kid, depth + 1);
}

for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  if (mode === "struct") {
    walk(await page.getStructTree(), 0);
  } else {
    const tc = await page.getTextContent();
    out.push(tc.items.map((it) => it.str + (it.hasEOL ? "\n" : "")).join(""));
    out.push("\f");
  }
}
process.stdout.write(out.join(mode === "struct" ? "\n" : "") + "\n");
