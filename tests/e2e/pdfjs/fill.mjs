// pdf.js fills a form as Firefox does when a user types into it and
// saves: it writes the text fields' values and draws their appearances
// with the field's font.
//   node fill.mjs PDF OUT VALUE   every text field of PDF gets VALUE
import { readFileSync, writeFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const [file, out, value] = process.argv.slice(2);
const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
const fields = (await doc.getFieldObjects()) || {};
for (const widgets of Object.values(fields))
  for (const w of widgets) if (w.type === "text") doc.annotationStorage.setValue(w.id, { value });
writeFileSync(out, await doc.saveDocument());
