# svc's local Lambda runtime for Python (see cli/src/local/protocol.rs).
# Imports the handler named by _HANDLER from LAMBDA_TASK_ROOT (layers come
# through PYTHONPATH), then answers one JSON line per JSON line read from
# stdin. Protocol lines start with the marker below and go to the original
# standard output; the handler's own output goes to standard error.
import importlib
import json
import os
import sys
import time

MARK = "\x1esvc:"


def main():
    protocol = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    mark = MARK.encode()
    dumps = json.JSONEncoder(default=str).encode

    def send(message):
        # One write per message: svc reads it as one line.
        data = mark + dumps(message).encode() + b"\n"
        while data:
            data = data[os.write(protocol, data):]

    task_root = os.environ["LAMBDA_TASK_ROOT"]
    sys.path.insert(0, task_root)
    os.chdir(task_root)
    spec = os.environ["_HANDLER"]
    module_name, _, function_name = spec.rpartition(".")
    module_name = module_name.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        name = error.name or ""
        missing = "module" if module_name == name or module_name.startswith(name + ".") else None
        send({"init": failure(error, "Runtime.ImportModuleError", f"Unable to import module '{module_name}': {error}"), "missing": missing})
        return
    except SyntaxError as error:
        send({"init": failure(error, "Runtime.UserCodeSyntaxError", f"Syntax error in module '{module_name}': {error}")})
        return
    except Exception as error:
        send({"init": failure(error, "Runtime.ImportModuleError", f"Unable to import module '{module_name}': {error}")})
        return
    handler = getattr(module, function_name, None)
    if not callable(handler):
        message = f"Handler '{function_name}' missing on module '{module_name}'"
        send({"init": {"errorMessage": message, "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []}, "missing": "handler"})
        return
    send({"ready": True, "version": "%d.%d" % sys.version_info[:2]})
    requests = sys.stdin.buffer
    while True:
        line = requests.readline()
        if not line:
            break
        if len(line) <= 2 and not line.strip():
            continue
        request = json.loads(line)
        context = Context(request["context"])
        try:
            result = handler(request["event"], context)
            send({"ok": result})
        except Exception as error:
            send({"error": failure(error, type(error).__name__, str(error), context.aws_request_id)})


def failure(error, error_type, message, request_id=""):
    """An error as Lambda's Python runtime reports it."""
    import traceback  # only when there is an error: it costs milliseconds to import

    frames = traceback.extract_tb(error.__traceback__)
    frames = [f for f in frames if f.filename != "<string>" and "importlib" not in f.filename]
    return {
        "errorMessage": message,
        "errorType": error_type,
        "requestId": request_id,
        "stackTrace": traceback.format_list(frames),
    }


class Context:
    """The context object of Lambda's Python runtime."""

    def __init__(self, fields):
        self.function_name = fields.get("functionName")
        self.function_version = fields.get("functionVersion", "$LATEST")
        self.invoked_function_arn = fields.get("invokedFunctionArn")
        self.memory_limit_in_mb = fields.get("memoryLimitInMB")
        self.aws_request_id = fields.get("awsRequestId")
        self.log_group_name = fields.get("logGroupName")
        self.log_stream_name = fields.get("logStreamName")
        self.identity = fields.get("identity")
        self.client_context = fields.get("clientContext")
        self._deadline_ms = int(fields.get("deadlineMs", 0))

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)


main()
