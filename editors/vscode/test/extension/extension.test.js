// Behaviour of the bundled extension (out/extension.js) with a stubbed
// `vscode` module (vscode-stub.js) and a fake `svc lsp` (fake-svc.js): what
// it starts, what it sends at `initialize`, how it reports a missing or
// broken binary, restarts and crashes. Real VS Code cannot run here; the
// grammar, the manifest and the package are checked by the other steps of
// scripts/test-editors.
//
// The extension is activated once; the tests run in order, each changing
// the settings the way a user would.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');
const stub = require('./vscode-stub');

const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? stub.vscode : originalLoad.call(this, request, ...rest);
};
const extension = require('../../out/extension.js');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'svc-vscode-test-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const recordFile = path.join(tmp, 'record.jsonl');
process.env.FAKE_SVC_RECORD = recordFile;
const fakeSvc = path.join(__dirname, 'fake-svc.js');
const context = { subscriptions: [], extensionPath: path.resolve(__dirname, '..', '..') };

// The fake server appends while the test reads: a line is read only once its
// newline is there (an append longer than a page can be seen half written).
const records = () => {
  if (!fs.existsSync(recordFile)) return [];
  const lines = fs.readFileSync(recordFile, 'utf8').split('\n');
  lines.pop(); // the text after the last newline: empty, or a line still being written
  return lines.filter(Boolean).map((l) => JSON.parse(l));
};
const methods = () => records().filter((r) => r.method).map((r) => r.method);
const starts = () => records().filter((r) => r.argv);
const errors = () => stub.calls.filter((c) => c.name === 'showErrorMessage').map((c) => c.args);
const callsNamed = (name) => stub.calls.filter((c) => c.name === name);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, predicate, ms = 10000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (predicate()) return;
    await sleep(25);
  }
  assert.fail(`timed out waiting for ${what}`);
}
function setPath(value) {
  stub.settings['svc.path'] = value;
  stub.changeConfiguration('svc.path');
}

test('resolveCommand finds executables on PATH and by path, and says why not', () => {
  assert.equal(extension.resolveCommand(fakeSvc).path, fakeSvc);
  const missing = extension.resolveCommand(path.join(tmp, 'no-such-svc'));
  assert.equal(missing.path, undefined);
  assert.match(missing.reason, /does not exist or is not executable/);
  const onPath = extension.resolveCommand('node');
  assert.ok(onPath.path && path.isAbsolute(onPath.path), 'node is found on PATH');
  assert.match(extension.resolveCommand('svc-surely-not-installed').reason, /"svc-surely-not-installed" was not found on PATH/);
});

test('a missing binary gives one error message, whose "Open settings" opens svc.path', async () => {
  stub.settings['svc.path'] = path.join(tmp, 'no-such-svc');
  stub.answerErrorMessage('Open settings');
  extension.activate(context);
  await until('the error message', () => errors().length === 1);
  const [message, ...items] = errors()[0];
  assert.match(message, /cannot start the language server/);
  assert.match(message, /svc\.path/);
  assert.deepEqual(items, ['Open settings', 'Show output']);
  await until('settings to open', () => callsNamed('executeCommand').length > 0);
  assert.deepEqual(callsNamed('executeCommand')[0].args, ['workbench.action.openSettings', 'svc.path']);
  assert.ok(callsNamed('registerCommand').some((c) => c.args[0] === 'svc.restartServer'));
  assert.equal(records().length, 0, 'nothing was started');
  stub.answerErrorMessage(undefined);
});

test('setting svc.path starts `svc lsp` (no other argument) with the stage as initializationOptions', async () => {
  stub.settings['svc.stage'] = 'prod';
  setPath(fakeSvc);
  await until('initialized', () => methods().includes('initialized'));
  assert.deepEqual(starts().map((r) => r.argv), [['lsp']]);
  const init = records().find((r) => r.method === 'initialize');
  assert.deepEqual(init.params.initializationOptions, { stage: 'prod', fileRoot: null });
  assert.equal(errors().length, 1, 'no new error message');
});

test('svc.restartServer stops the server and starts a new one; an empty stage is null', async () => {
  fs.writeFileSync(recordFile, '');
  stub.settings['svc.stage'] = '';
  await stub.vscode.commands.executeCommand('svc.restartServer');
  await until('a new server to be initialized', () => methods().includes('initialized'));
  assert.deepEqual(methods(), ['shutdown', 'exit', 'initialize', 'initialized']);
  assert.deepEqual(starts().map((r) => r.argv), [['lsp']]);
  const init = records().find((r) => r.method === 'initialize');
  assert.deepEqual(init.params.initializationOptions, { stage: null, fileRoot: null });
});

test('an svc without the lsp command gets one message, with a hint, and no retries', async () => {
  stub.answerErrorMessage('never'); // and the next test still restarts: nothing waits for an answer
  const oldSvc = path.join(tmp, 'old-svc');
  fs.writeFileSync(oldSvc, "#!/bin/sh\necho \"error: unrecognized subcommand '$1'\" >&2\nexit 2\n", { mode: 0o755 });
  const before = errors().length;
  setPath(oldSvc);
  await until('the error message', () => errors().length > before);
  await sleep(500); // any further notification would come now
  assert.equal(errors().length, before + 1, `one message, got: ${JSON.stringify(errors().slice(before))}`);
  const [message] = errors()[before];
  assert.match(message, /old-svc lsp` failed/);
  assert.match(message, /lsp --help/);
});

test('a server that keeps crashing is restarted, then given up with one message', async () => {
  fs.writeFileSync(recordFile, '');
  process.env.FAKE_SVC_CRASH = '1';
  const before = errors().length;
  setPath(fakeSvc);
  await until('the give-up message', () => errors().length > before, 20000);
  await sleep(300);
  delete process.env.FAKE_SVC_CRASH;
  assert.equal(errors().length, before + 1, `one message, got: ${JSON.stringify(errors().slice(before))}`);
  assert.match(errors()[before][0], /stopped 5 times in 3 minutes/);
  assert.equal(starts().length, 5, 'started once, restarted 4 times');
  stub.answerErrorMessage(undefined);
});

test('changing svc.stage restarts the server; deactivate stops it', async () => {
  fs.writeFileSync(recordFile, '');
  stub.settings['svc.stage'] = 'dev';
  stub.changeConfiguration('svc.stage');
  await until('initialized', () => methods().includes('initialized'));
  assert.deepEqual(records().find((r) => r.method === 'initialize').params.initializationOptions, { stage: 'dev', fileRoot: null });
  fs.writeFileSync(recordFile, '');
  stub.settings['svc.fileRoot'] = ' ../common ';
  stub.changeConfiguration('svc.fileRoot');
  await until('a new server to be initialized', () => methods().includes('initialized'));
  const init = records().find((r) => r.method === 'initialize');
  assert.deepEqual(init.params.initializationOptions, { stage: 'dev', fileRoot: '../common' });
  fs.writeFileSync(recordFile, '');
  await extension.deactivate();
  await until('exit', () => methods().includes('exit'));
  assert.deepEqual(methods(), ['shutdown', 'exit']);
});

test('svc.fileRoot is a machine setting: a workspace cannot widen what ${file()} reads', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const setting = manifest.contributes.configuration.properties['svc.fileRoot'];
  assert.equal(setting.scope, 'machine');
  assert.equal(setting.default, '');
});
