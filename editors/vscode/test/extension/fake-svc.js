#!/usr/bin/env node
// A stand-in for `svc lsp`: speaks just enough LSP over stdio for the
// extension test. It writes its command line and the `initialize` params to
// the file named by FAKE_SVC_RECORD, answers `initialize` with no
// capabilities, and exits after `shutdown` + `exit` -- or, with
// FAKE_SVC_CRASH=1, right after `initialized`, like a server that crashes.
'use strict';
const fs = require('fs');

const record = process.env.FAKE_SVC_RECORD;
const log = (entry) => record && fs.appendFileSync(record, `${JSON.stringify(entry)}\n`);
log({ argv: process.argv.slice(2) });
if (process.argv[2] !== 'lsp') {
  process.stderr.write('usage: svc lsp\n');
  process.exit(2);
}

let buffer = Buffer.alloc(0);
const send = (message) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
};
process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
    buffer = buffer.subarray(end + 4 + length);
    log({ method: message.method, params: message.method === 'initialize' ? message.params : undefined });
    if (message.method === 'initialize') send({ id: message.id, result: { capabilities: {}, serverInfo: { name: 'fake-svc' } } });
    else if (message.method === 'initialized' && process.env.FAKE_SVC_CRASH === '1') process.exit(101);
    else if (message.method === 'shutdown') send({ id: message.id, result: null });
    else if (message.method === 'exit') process.exit(0);
  }
});
process.stdin.on('end', () => process.exit(0));
