// Parses the Terraform files named on the command line with @cdktf/hcl2json (HashiCorp's HCL parser
// compiled to WebAssembly; offline) and prints one JSON object { "<path>": <the file as JSON> }.
// Expressions come out as "${...}" strings. Exit code 0 when every file parsed; 2 (with the parser's
// message on stderr) when one did not.
"use strict";
const fs = require("fs/promises");
const path = require("path");
const { parse } = require("@cdktf/hcl2json");

async function main(files) {
  if (files.length === 0) {
    throw new Error("usage: node parse.js <file.tf> [...]");
  }
  const parsed = {};
  for (const file of files.map((f) => path.resolve(f))) {
    try {
      parsed[file] = await parse(path.basename(file), await fs.readFile(file, "utf-8"));
    } catch (error) {
      throw new Error(`${file}: ${(error && error.message) || error}`);
    }
  }
  process.stdout.write(JSON.stringify(parsed) + "\n");
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(String((error && error.stack) || error) + "\n");
  process.exit(2);
});
