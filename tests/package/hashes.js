#!/usr/bin/env node
// Recomputes, from each expected template alone, the two hashed logical IDs
// that serverless@3 writes, and checks them against the template (see
// README.md, "What changes between runs"). Usage:
//   node tests/package/hashes.js            # every case
//   node tests/package/hashes.js websocket  # some cases
// Needs only Node (no serverless). Exit code 1 on a mismatch.
//
// <Function>LambdaVersion<hash>: base64(sha256(CodeSha256 text, then
//   JSON.stringify(deepSort(function Properties without Code,
//   ReservedConcurrentExecutions and Tags, plus layerConfigurations: [])))),
//   letters and digits only. deepSort orders keys with String#localeCompare.
// WebsocketsDeployment<hash>: base64(sha256(JSON.stringify(the WebSocket part
//   of the template: WebsocketsApi, every resource whose Properties.ApiId is
//   { Ref: WebsocketsApi } -- the stage without its DeploymentId -- and every
//   resource whose DependsOn list holds WebsocketsApi, in template order))),
//   letters and digits only.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const deepSort = (value) => {
  if (Array.isArray(value)) return value.map(deepSort);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, deepSort(v)])
    );
  }
  return value;
};

const alnum = (text) => text.replace(/[^0-9a-z]/gi, '');

function versionIds(template) {
  const found = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Version') continue;
    const functionId = resource.Properties.FunctionName.Ref;
    const properties = JSON.parse(JSON.stringify(template.Resources[functionId].Properties));
    delete properties.Code;
    delete properties.ReservedConcurrentExecutions;
    delete properties.Tags;
    properties.layerConfigurations = [];
    const hash = crypto.createHash('sha256');
    hash.update(resource.Properties.CodeSha256);
    hash.update(JSON.stringify(deepSort(properties)));
    const expected = `${functionId.replace(/LambdaFunction$/, '')}LambdaVersion${alnum(
      hash.digest('base64')
    )}`;
    found.push([id, expected]);
  }
  return found;
}

function websocketsDeploymentIds(template) {
  const token = 'WebsocketsApi';
  if (!template.Resources[token]) return [];
  const part = {};
  let actual = null;
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (id !== 'WebsocketsDeploymentStage' && id.startsWith('WebsocketsDeployment')) {
      actual = id;
      continue;
    }
    let picked = resource;
    if (id === 'WebsocketsDeploymentStage') {
      picked = JSON.parse(JSON.stringify(resource));
      delete picked.Properties.DeploymentId;
    }
    const apiId = resource.Properties && resource.Properties.ApiId;
    if (
      id === token ||
      (apiId && apiId.Ref === token) ||
      (Array.isArray(resource.DependsOn) && resource.DependsOn.includes(token))
    ) {
      part[id] = picked;
    }
  }
  const hash = crypto.createHash('sha256').update(JSON.stringify(part)).digest('base64');
  return [[actual, `WebsocketsDeployment${alnum(hash)}`]];
}

const here = __dirname;
let cases = process.argv.slice(2);
if (cases.length === 0) {
  cases = fs
    .readdirSync(here)
    .filter((d) => fs.existsSync(path.join(here, d, 'expected/cloudformation-template-update-stack.json')))
    .sort();
}
let failed = false;
for (const name of cases) {
  const file = path.join(here, name, 'expected/cloudformation-template-update-stack.json');
  const template = JSON.parse(fs.readFileSync(file, 'utf8'));
  const pairs = [...versionIds(template), ...websocketsDeploymentIds(template)];
  const bad = pairs.filter(([actual, expected]) => actual !== expected);
  for (const [actual, expected] of bad) console.log(`${name}: ${actual} != recomputed ${expected}`);
  if (bad.length) failed = true;
  else console.log(`${name}: ok (${pairs.length} hashed IDs)`);
}
process.exit(failed ? 1 : 0);
