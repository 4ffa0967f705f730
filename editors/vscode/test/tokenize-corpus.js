#!/usr/bin/env node
// Tokenizes every .svc file of the repository with the shipped grammar
// (syntaxes/svc.tmLanguage.json, copied from grammar/ by `npm run grammar`):
//
//  - every file, valid or broken (tests/syntax, the fuzz corpus), must
//    tokenize line by line within a time limit: no runaway regex, no crash;
//  - files that svc accepts (examples/, tests/print, tests/package) must
//    produce no `invalid.*` scope and end with the rule stack back at the
//    top level (no string, variable or block string left open).
//
// The scope assertions themselves are in test/grammar/*.svc, checked by
// vscode-tmgrammar-test.
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.resolve(__dirname, '..', '..', '..');
const grammarPath = path.resolve(__dirname, '..', 'syntaxes', 'svc.tmLanguage.json');
const LINE_TIME_LIMIT_MS = 1000;

// Folders whose .svc files are valid svc (syntax and all).
const VALID = ['examples', 'tests/print', 'tests/package'];
// Folders searched for any .svc file, valid or not.
const ALL = ['examples', 'tests', 'fuzz/corpus'];

function svcFiles(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name === 'target' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.svc')) out.push(p);
    }
  };
  walk(path.join(root, dir));
  return out.sort();
}

async function main() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.svc' ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar('source.svc');
  if (!grammar) throw new Error(`cannot load source.svc from ${grammarPath}`);

  const valid = new Set(VALID.flatMap(svcFiles));
  const files = [...new Set(ALL.flatMap(svcFiles))];
  const failures = [];
  let lines = 0;
  for (const file of files) {
    const rel = path.relative(root, file);
    const text = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    let stack = vsctm.INITIAL;
    text.forEach((line, i) => {
      lines++;
      const r = grammar.tokenizeLine(line, stack, LINE_TIME_LIMIT_MS);
      if (r.stoppedEarly) failures.push(`${rel}:${i + 1}: tokenizing took over ${LINE_TIME_LIMIT_MS} ms`);
      if (valid.has(file)) {
        for (const t of r.tokens) {
          const bad = t.scopes.find((s) => s.startsWith('invalid.'));
          if (bad) failures.push(`${rel}:${i + 1}:${t.startIndex + 1}: ${bad} on ${JSON.stringify(line.slice(t.startIndex, t.endIndex))}`);
        }
      }
      stack = r.ruleStack;
    });
    if (valid.has(file) && stack.depth !== 1) {
      failures.push(`${rel}: ends inside a construct (rule stack depth ${stack.depth}, expected 1)`);
    }
  }
  for (const f of failures) console.error(`  ${f}`);
  const summary = `${files.length} files (${valid.size} valid), ${lines} lines tokenized`;
  if (failures.length) {
    console.error(`corpus: ${failures.length} problem(s); ${summary}`);
    process.exit(1);
  }
  console.log(`corpus: ok, ${summary}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
