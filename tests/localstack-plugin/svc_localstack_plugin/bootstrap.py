"""Runs one Lambda invocation of a Python handler, as Lambda's runtime would.

Reads one JSON line from stdin: {"event": <the payload as a string>,
"context": {...}}; answers one JSON line on the original stdout: {"ok":
<result>} or {"error": {errorMessage, errorType, requestId, stackTrace}},
with "initMs" (the handler module's import), "durationMs" (the handler's
run) and "memoryKB" (the process's peak resident memory).
The handler's own output goes to stderr (the invocation's logs).
"""

import time

STARTED = time.perf_counter()

import importlib
import json
import os
import sys
import traceback

protocol = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)
sys.stdout = sys.stderr


timings = {}


def memory_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def answer(value):
    value.update(timings, memoryKB=memory_kb())
    protocol.write(json.dumps(value) + "\n")
    protocol.flush()


request = json.loads(sys.stdin.readline())
fields = request["context"]


class Context:
    """The `context` argument of a Python handler."""

    function_name = fields["functionName"]
    function_version = fields["functionVersion"]
    invoked_function_arn = fields["invokedFunctionArn"]
    memory_limit_in_mb = fields["memoryLimitInMB"]
    aws_request_id = fields["awsRequestId"]
    log_group_name = fields["logGroupName"]
    log_stream_name = fields["logStreamName"]
    identity = None
    client_context = None

    @staticmethod
    def get_remaining_time_in_millis():
        return max(0, int(fields["deadlineMs"] - time.time() * 1000))


def failure(error_type, message, stack=None):
    error = {"errorMessage": message, "errorType": error_type, "requestId": fields["awsRequestId"], "stackTrace": stack or []}
    print(f"[ERROR] {error_type}: {message}", file=sys.stderr)
    if stack:
        print("Traceback (most recent call last):\n" + "".join(stack), file=sys.stderr, end="")
    answer({"error": error})
    sys.exit(0)


# The task root in place of this script's folder (the plugin's own modules).
sys.path[0] = os.environ["LAMBDA_TASK_ROOT"]
module_name, _, function_name = os.environ["_HANDLER"].rpartition(".")
try:
    module = importlib.import_module(module_name.replace("/", "."))
except Exception as error:
    failure("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {error}")
handler = getattr(module, function_name, None)
if handler is None:
    failure("Runtime.HandlerNotFound", f"Handler '{function_name}' missing on module '{module_name}'")
timings["initMs"] = (time.perf_counter() - STARTED) * 1000
called = time.perf_counter()
try:
    result = handler(json.loads(request["event"] or "null"), Context())
except Exception as error:
    timings["durationMs"] = (time.perf_counter() - called) * 1000
    failure(type(error).__name__, str(error), traceback.format_list(traceback.extract_tb(error.__traceback__)[1:]))
timings["durationMs"] = (time.perf_counter() - called) * 1000
sys.stderr.flush()
try:
    answer({"ok": result})
except (TypeError, ValueError) as error:
    failure("Runtime.MarshalError", f"Unable to marshal response: {error}")
