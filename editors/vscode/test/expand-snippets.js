#!/usr/bin/env node
// Expands every snippet of snippets/svc.json with its default values and
// assembles them into one service, printed on stdout. scripts/test-editors
// runs `svc check` on it when an svc binary is at hand, so a snippet that
// inserts invalid svc is caught.
'use strict';
const fs = require('fs');
const path = require('path');

const snippets = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'snippets', 'svc.json'), 'utf8'));

// Default text of a snippet body: ${1:text} -> text, ${1|a,b|} -> a,
// $1 -> the text of placeholder 1, $0 -> nothing, \$ -> $, tab -> 2 spaces.
function expand(body) {
  const values = {};
  let text = body.join('\n');
  // Innermost placeholders first, so nested ones are expanded before their parents.
  for (let changed = true; changed; ) {
    changed = false;
    text = text.replace(/(?<!\\)\$\{(\d+):((?:[^{}$\\]|\\.|\$(?!\{))*)\}/g, (_, n, v) => {
      changed = true;
      values[n] ??= v;
      return v;
    });
    text = text.replace(/(?<!\\)\$\{(\d+)\|([^,|]*)[^|]*\|\}/g, (_, n, v) => {
      changed = true;
      values[n] ??= v;
      return v;
    });
  }
  text = text.replace(/(?<!\\)\$(\d+)/g, (_, n) => values[n] ?? '');
  return text.replace(/\\\$/g, '$').replace(/\t/g, '  ');
}

const get = (name) => {
  if (!snippets[name]) throw new Error(`no snippet named ${JSON.stringify(name)}`);
  return expand(snippets[name].body);
};
const indent = (text) => text.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');

const used = new Set();
const take = (name) => (used.add(name), get(name));
const fn = take('function').replace(/\n\}$/, '');
const events = ['httpApi event', 'schedule event', 'sqs event'].map(take).map(indent).join('\n');
const out = [
  'service = "snippets"',
  take('provider'),
  `${fn}\n${events}\n}`,
  take('resource').replace('{\n  \n}', '{\n  BillingMode = "PAY_PER_REQUEST"\n  AttributeDefinitions = [{ AttributeName = "id", AttributeType = "S" }]\n  KeySchema = [{ AttributeName = "id", KeyType = "HASH" }]\n}'),
  take('DynamoDB table').replace('UsersTable', 'OtherTable'),
  'resource Queue "AWS::SQS::Queue" {\n}',
  take('output'),
  take('params'),
  take('layer'),
  `custom {\n  fromOption = ${take('variable with fallback')}\n}`,
].join('\n\n');

const unused = Object.keys(snippets).filter((k) => !used.has(k));
if (unused.length) {
  console.error(`expand-snippets: snippets not covered: ${unused.join(', ')}`);
  process.exit(1);
}
process.stdout.write(`${out}\n`);
