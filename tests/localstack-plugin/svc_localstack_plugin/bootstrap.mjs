// Runs one Lambda invocation of a Node.js handler, as Lambda's runtime would.
// Reads one JSON line from stdin: {"event": <the payload as a string>,
// "context": {...}}; answers one JSON line on the original stdout: {"ok":
// <result>} or {"error": {errorType, errorMessage, trace}}, with "initMs"
// (the handler module's import), "durationMs" (the handler's run) and
// "memoryKB" (the process's peak resident memory). The handler's
// own output goes to stderr (the invocation's logs), console lines prefixed
// with the time, request id and level as Lambda does. CommonJS and ESM
// handlers, async and callback style.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import util from "node:util";

const started = performance.now();
const timings = {};
const memoryKB = () => Number(/^VmHWM:\s+(\d+)/m.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0);
const answer = (value) => fs.writeSync(1, JSON.stringify({ ...value, ...timings, memoryKB: memoryKB() }) + "\n");
process.stdout.write = process.stderr.write.bind(process.stderr);

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const fields = request.context;
for (const [method, level] of [["log", "INFO"], ["info", "INFO"], ["warn", "WARN"], ["error", "ERROR"], ["debug", "DEBUG"]]) {
  const original = console[method].bind(console);
  console[method] = (...args) =>
    original(`${new Date().toISOString()}\t${fields.awsRequestId}\t${level}\t${util.format(...args)}`);
}

const context = {
  functionName: fields.functionName,
  functionVersion: fields.functionVersion,
  invokedFunctionArn: fields.invokedFunctionArn,
  memoryLimitInMB: fields.memoryLimitInMB,
  awsRequestId: fields.awsRequestId,
  logGroupName: fields.logGroupName,
  logStreamName: fields.logStreamName,
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => Math.max(0, fields.deadlineMs - Date.now()),
};

function fail(errorType, errorMessage, trace = []) {
  console.error(JSON.stringify({ errorType, errorMessage, trace }));
  answer({ error: { errorType, errorMessage, trace } });
  process.exit(0);
}

const root = process.env.LAMBDA_TASK_ROOT;
const handlerSetting = process.env._HANDLER;
const dot = handlerSetting.lastIndexOf(".");
const [moduleName, functionName] = [handlerSetting.slice(0, dot), handlerSetting.slice(dot + 1)];
const file = [".js", ".mjs", ".cjs"].map((ext) => path.join(root, moduleName + ext)).find((f) => fs.existsSync(f));
if (!file) fail("Runtime.ImportModuleError", `Error: Cannot find module '${moduleName}'`);
let module;
try {
  module = await import(pathToFileURL(file).href);
} catch (error) {
  fail("Runtime.ImportModuleError", `${error}`, (error.stack || "").split("\n"));
}
const handler = module[functionName] ?? module.default?.[functionName];
if (typeof handler !== "function") fail("Runtime.HandlerNotFound", `${moduleName}.${functionName} is undefined or not exported`);

const event = JSON.parse(request.event || "null");
timings.initMs = performance.now() - started;
const called = performance.now();
try {
  const result = handler.length >= 3
    ? await new Promise((resolve, reject) => {
        const returned = handler(event, context, (error, value) => (error ? reject(error) : resolve(value)));
        if (returned && typeof returned.then === "function") returned.then(resolve, reject);
      })
    : await handler(event, context);
  timings.durationMs = performance.now() - called;
  answer({ ok: result === undefined ? null : result });
  process.exit(0);
} catch (error) {
  timings.durationMs = performance.now() - called;
  const errorType = error?.name ?? "Error";
  const errorMessage = error?.message ?? String(error);
  fail(errorType, errorMessage, (error?.stack || "").split("\n"));
}
