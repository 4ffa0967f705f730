"""A LocalStack Lambda runtime executor that runs handlers as local processes.

LocalStack's own executor starts a Docker container per function; this one
(LAMBDA_RUNTIME_EXECUTOR=local-process) needs neither Docker nor a
download. Each invocation runs the function's handler in a new process:
`python3.X` (else LocalStack's own Python) with bootstrap.py for Python
runtimes, `node` with bootstrap.mjs for Node.js, in the unpacked code
folder LocalStack prepared, with the layers importable as Lambda mounts them
under /opt. The bootstrap answers one JSON line on its original stdout; the
handler's own output (sent to stderr) becomes the invocation's logs,
framed by the START / END / REPORT lines Lambda writes. LocalStack's
version manager sends those logs to CloudWatch Logs (`/aws/lambda/<name>`,
stream `YYYY/MM/DD/[$LATEST]<environment id>`), as it does with the logs of
its Docker executor.
"""

import dataclasses
import datetime
import functools
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from localstack import config
from localstack.services.lambda_.invocation.lambda_models import FunctionVersion, InvocationResult
from localstack.services.lambda_.invocation.plugins import RuntimeExecutorPlugin
from localstack.services.lambda_.invocation.runtime_executor import RuntimeExecutor

HERE = Path(__file__).parent


def _code_folder(code) -> Path:
    code.prepare_for_execution()
    return Path(code.get_unzipped_code_location())


def _layer_folders(function_version: FunctionVersion) -> list[Path]:
    return [_code_folder(layer.code) for layer in function_version.config.layers or [] if layer.code]


@functools.cache
def _python(runtime: str) -> str:
    """The interpreter for `runtime` (`python3.12`): that command when it
    runs here (a pyenv shim of a version not selected does not), else
    LocalStack's own Python."""
    command = shutil.which(runtime)
    if command:
        found = subprocess.run(
            [command, "-c", "import sys; print(sys.executable)"], capture_output=True, text=True, timeout=30
        )
        if found.returncode == 0 and found.stdout.strip():
            return found.stdout.strip()
    return sys.executable


def _timestamp() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class LocalProcessExecutor(RuntimeExecutor):
    """Runs each invocation of one execution environment as a local process."""

    def __init__(self, id: str, function_version: FunctionVersion) -> None:
        super().__init__(id, function_version)
        self.env: dict[str, str] = {}
        self.logs: list[str] = []
        self.process: subprocess.Popen | None = None
        self.stopped = False

    def start(self, env_vars: dict[str, str]) -> None:
        self.env = {name: str(value) for name, value in env_vars.items() if value is not None}
        self.task_root = _code_folder(self.function_version.config.code)
        self.layers = _layer_folders(self.function_version)

    def stop(self) -> None:
        self.stopped = True
        if self.process is not None:
            _kill(self.process)

    def get_address(self) -> str:
        return "127.0.0.1"

    def get_endpoint_from_executor(self) -> str:
        return "127.0.0.1"

    def get_runtime_endpoint(self) -> str:
        return f"http://127.0.0.1:{config.GATEWAY_LISTEN[0].port}/_localstack_lambda/{self.id}"

    def get_logs(self) -> str:
        return "".join(self.logs)

    @classmethod
    def prepare_version(cls, function_version: FunctionVersion) -> None:
        if function_version.config.code:
            _code_folder(function_version.config.code)
        _layer_folders(function_version)

    @classmethod
    def cleanup_version(cls, function_version: FunctionVersion) -> None:
        pass

    def _command(self) -> list[str]:
        runtime = self.function_version.config.runtime or ""
        if runtime.startswith("python"):
            return [_python(runtime), str(HERE / "bootstrap.py")]
        if runtime.startswith("nodejs"):
            return [shutil.which("node") or "node", str(HERE / "bootstrap.mjs")]
        raise ValueError(f"the local-process executor runs python* and nodejs* runtimes, not {runtime!r}")

    def _environment(self) -> dict[str, str]:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
        env.update(self.env)
        env["LAMBDA_TASK_ROOT"] = str(self.task_root)
        python_paths, node_paths = [], []
        for layer in self.layers:
            python_paths.append(layer / "python")
            python_paths.extend(sorted((layer / "python" / "lib").glob("python3*/site-packages")))
            node_paths.append(layer / "nodejs" / "node_modules")
            node_paths.extend(sorted(layer.glob("nodejs/node*/node_modules")))
        env["PYTHONPATH"] = os.pathsep.join(str(path) for path in python_paths)
        env["NODE_PATH"] = os.pathsep.join(str(path) for path in node_paths)
        return env

    def invoke(self, payload: dict[str, str]) -> InvocationResult:
        request_id = payload["invoke-id"]
        config_ = self.function_version.config
        timeout = float(config_.timeout)
        started = time.time()
        request = {
            "event": payload["payload"],
            "context": {
                "awsRequestId": request_id,
                "invokedFunctionArn": payload["invoked-function-arn"],
                "functionName": self.function_version.id.function_name,
                "functionVersion": self.function_version.id.qualifier,
                "memoryLimitInMB": str(config_.memory_size),
                "logGroupName": self.env.get("AWS_LAMBDA_LOG_GROUP_NAME", ""),
                "logStreamName": self.env.get("AWS_LAMBDA_LOG_STREAM_NAME", ""),
                "deadlineMs": int((started + timeout) * 1000),
            },
        }
        log = [f"START RequestId: {request_id} Version: {self.function_version.id.qualifier}\n"]
        run = self._run(request, timeout)
        log.append(run.output)
        if run.output and not run.output.endswith("\n"):
            log.append("\n")
        answer = run.answer or {}
        if run.timed_out:
            message = f"{_timestamp()} {request_id} Task timed out after {timeout:.2f} seconds"
            log.append(message + "\n")
            result, is_error = {"errorMessage": message}, True
        elif "ok" not in answer and "error" not in answer:
            result = {
                "errorType": "Runtime.ExitError",
                "errorMessage": f"RequestId: {request_id} Error: Runtime exited with error: exit status {run.status}",
            }
            log.append(f"{result['errorMessage']}\n")
            is_error = True
        elif "error" in answer:
            result, is_error = answer["error"], True
        else:
            result, is_error = answer["ok"], False
        # Lambda's figures: the handler's duration (the whole run when the
        # process did not say), and the import of the handler's module as
        # the Init Duration.
        duration_ms = answer.get("durationMs", run.elapsed_ms)
        report = (
            f"REPORT RequestId: {request_id}\tDuration: {duration_ms:.2f} ms\t"
            f"Billed Duration: {math.ceil(duration_ms)} ms\tMemory Size: {config_.memory_size} MB\t"
            f"Max Memory Used: {max(1, run.memory_kb // 1024)} MB"
        )
        if "initMs" in answer:
            report += f"\tInit Duration: {answer['initMs']:.2f} ms"
        log.append(f"END RequestId: {request_id}\n{report}\n")
        logs = "".join(log)
        self.logs.append(logs)
        return InvocationResult(request_id, json.dumps(result).encode(), is_error=is_error, logs=logs)

    def _run(self, request: dict, timeout: float) -> "Run":
        """Runs one invocation in a new process, killed after `timeout` seconds."""
        started = time.perf_counter()
        try:
            command = self._command()
            # Its own process group: a timeout also ends what the handler started.
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=self.task_root,
                env=self._environment(),
                start_new_session=True,
            )
        except (OSError, ValueError) as error:
            message = f"the runtime could not start: {error}"
            failed = {"error": {"errorType": "Runtime.InvalidEntrypoint", "errorMessage": message}}
            return Run(failed, message + "\n", False, -1, 0, (time.perf_counter() - started) * 1000)
        self.process = process
        if self.stopped:
            _kill(process)
        timed_out = threading.Event()
        memory_kb = [0]

        def expire():
            memory_kb[0] = _high_water_kb(process.pid)
            timed_out.set()
            _kill(process)

        timer = threading.Timer(timeout, expire)
        timer.start()
        try:
            stdout, stderr = process.communicate((json.dumps(request) + "\n").encode())
        finally:
            timer.cancel()
        answer = None
        for line in stdout.decode(errors="replace").splitlines():
            try:
                answer = json.loads(line)
            except ValueError:
                pass
        if isinstance(answer, dict) and "memoryKB" in answer:
            memory_kb[0] = int(answer["memoryKB"])
        return Run(
            answer if isinstance(answer, dict) else None,
            stderr.decode(errors="replace"),
            timed_out.is_set(),
            process.returncode,
            memory_kb[0],
            (time.perf_counter() - started) * 1000,
        )


def _kill(process: subprocess.Popen) -> None:
    """Kills `process` and its process group, if still running."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            process.kill()


def _high_water_kb(pid: int) -> int:
    """The peak resident memory of process `pid` (VmHWM), 0 when unknown."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


@dataclasses.dataclass
class Run:
    """What one process run gave."""

    answer: dict | None
    output: str
    timed_out: bool
    status: int
    memory_kb: int
    elapsed_ms: float


class LocalProcessExecutorPlugin(RuntimeExecutorPlugin):
    """`LAMBDA_RUNTIME_EXECUTOR=local-process`"""

    name = "local-process"

    def load(self, *args, **kwargs):
        return LocalProcessExecutor
