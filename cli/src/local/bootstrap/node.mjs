// svc's local Lambda runtime for Node.js (see cli/src/local/protocol.rs).
// Loads the handler named by _HANDLER from LAMBDA_TASK_ROOT as Lambda does
// (`.js` as its package.json says, `.mjs` as ESM, `.cjs` as CommonJS, else a
// module of node_modules or NODE_PATH), then answers one JSON line per JSON
// line read from stdin. Protocol lines start with the marker below and go
// to standard output; the handler's own output goes to standard error.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const MARK = "\x1esvc:";
// Standard output may be a non-blocking pipe: a large answer is written in
// as many pieces as the pipe takes, waiting a moment when it is full.
const pause = new Int32Array(new SharedArrayBuffer(4));
function protocolWrite(text) {
  const bytes = Buffer.from(text);
  let done = 0;
  while (done < bytes.length) {
    try {
      done += fs.writeSync(1, bytes, done);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
process.stdout.write = process.stderr.write.bind(process.stderr);
const send = (message) => protocolWrite(MARK + JSON.stringify(message, (_, v) => (v === undefined ? null : v)) + "\n");

const taskRoot = process.env.LAMBDA_TASK_ROOT;
process.chdir(taskRoot);
const spec = process.env._HANDLER;
const slash = spec.lastIndexOf("/");
const folder = spec.slice(0, slash + 1);
const [file, ...names] = spec.slice(slash + 1).split(".");
const moduleName = folder + file;

function failure(error, type, requestId = "") {
  const message = error && error.message !== undefined ? String(error.message) : String(error);
  const stack = error && typeof error.stack === "string" ? error.stack.split("\n") : [];
  return {
    errorType: type ?? (error && error.name) ?? "Error",
    errorMessage: message,
    requestId,
    trace: stack,
  };
}

async function load() {
  const base = path.resolve(taskRoot, moduleName);
  for (const extension of [".js", ".mjs", ".cjs"]) {
    if (fs.existsSync(base + extension)) {
      return import(pathToFileURL(base + extension).href);
    }
  }
  let resolved;
  try {
    resolved = createRequire(path.join(taskRoot, "index.js")).resolve(moduleName);
  } catch (error) {
    const missing = new Error(`Cannot find module '${moduleName}'`);
    missing.code = error.code;
    throw Object.assign(missing, { svcMissing: true });
  }
  return import(pathToFileURL(resolved).href);
}

function pick(module) {
  for (const root of [module, module.default]) {
    let value = root;
    for (const name of names) {
      value = value == null ? undefined : value[name];
    }
    if (typeof value === "function") return value;
  }
  return undefined;
}

function call(handler, event, context) {
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error != null ? reject(error) : resolve(result));
    context.done = callback;
    context.succeed = (result) => resolve(result);
    context.fail = (error) => reject(error);
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === "function") returned.then(resolve, reject);
      else if (handler.length < 3) resolve(returned);
    } catch (error) {
      reject(error);
    }
  });
}

function contextOf(fields) {
  const deadline = Number(fields.deadlineMs ?? 0);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fields.functionName,
    functionVersion: fields.functionVersion ?? "$LATEST",
    invokedFunctionArn: fields.invokedFunctionArn,
    memoryLimitInMB: String(fields.memoryLimitInMB),
    awsRequestId: fields.awsRequestId,
    logGroupName: fields.logGroupName,
    logStreamName: fields.logStreamName,
    identity: fields.identity,
    clientContext: fields.clientContext,
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
  };
}

let handler;
try {
  handler = pick(await load());
} catch (error) {
  if (error && error.svcMissing) {
    send({ init: failure(error, "Runtime.ImportModuleError"), missing: "module" });
  } else {
    send({ init: failure(error, error instanceof SyntaxError ? "Runtime.UserCodeSyntaxError" : "Runtime.ImportModuleError") });
  }
  process.exit(0);
}
if (handler === undefined) {
  const message = `${file}.${names.join(".")} is undefined or not exported`;
  send({ init: { errorType: "Runtime.HandlerNotFound", errorMessage: message, requestId: "", trace: [] }, missing: "handler" });
  process.exit(0);
}
send({ ready: true, version: process.versions.node });
process.on("unhandledRejection", (error) => {
  process.stderr.write(`unhandled rejection: ${error && error.stack ? error.stack : error}\n`);
});
for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  const context = contextOf(request.context);
  try {
    send({ ok: await call(handler, request.event, context) });
  } catch (error) {
    send({ error: failure(error, undefined, context.awsRequestId) });
  }
}
