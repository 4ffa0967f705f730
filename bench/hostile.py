#!/usr/bin/env python3
"""The stress table of issue 14: hostile inputs through every command.

    bench/hostile.py SVC WORK [NAME...]

Generates each hostile input (and a 50 MB valid service) into its own
folder under WORK, runs it through `svc check`, `svc print`, `svc build`,
`svc fmt --check` and a language-server session (bench/lsp_session.py),
each under `timeout 60` and `ulimit -v` 4 GiB, and prints a table row per
run: input, command, exit code, wall time, peak RSS. A row over target
(5 s and 1 GB; 2 s for `check` of the 50 MB valid service) is marked `!`.
NAMEs pick inputs (all by default). Run by bench/hostile.sh.
"""

import os
import random
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = 60
MEMORY_KB = 4 << 20
MAX_SECONDS, MAX_KB, VALID_CHECK_SECONDS = 5.0, 1 << 20, 2.0
# Each command runs this many times; a row gives the medians.
ROUNDS = int(os.environ.get("ROUNDS", "3"))

HEADER = 'service = "hostile"\n\nprovider aws {\n  runtime = "python3.12"\n}\n\n'


def custom(lines):
    return HEADER + "custom {\n" + "".join(f"  {line}\n" for line in lines) + "}\n"


def file_reader(name):
    """A service whose only value is `${file(./name)}`."""
    return custom([f'v = "${{file(./{name})}}"'])


def chain(n, last):
    """`v0 = ${self:custom.v1}`, …, `v{n-1} = last`."""
    return custom([f"v{i} = ${{self:custom.v{i + 1}}}" for i in range(n - 1)] + [f"v{n - 1} = {last}"])


def bomb(first, double):
    lines = [f"l0 = {first}"]
    for i in range(1, 31):
        before = f"${{self:custom.l{i - 1}}}"
        lines.append(f"l{i} = {double(before)}")
    return custom(lines)


def functions(n):
    out = [HEADER]
    for i in range(n):
        out.append(f'function f{i} {{\n  handler = "handler.f{i}"\n}}\n\n')
    return "".join(out)


def valid_50mb():
    """About 50 MB of a valid service: functions with events and
    environments, and custom values that refer to each other."""
    out = [HEADER, "custom {\n"]
    size = 0
    i = 0
    while size < 25 << 20:
        line = f'  value{i} = "{"x" * 40}-{i}"\n  ref{i}   = "${{self:custom.value{i}}}-suffix"\n'
        out.append(line)
        size += len(line)
        i += 1
    out.append("}\n\n")
    i = 0
    while size < 50 << 20:
        text = (
            f"function f{i} {{\n"
            f'  handler    = "handler.f{i}"\n'
            f"  memorySize = 256\n"
            f"  timeout    = 10\n"
            f"  environment {{\n"
            f'    NAME  = "${{self:service}}-f{i}"\n'
            f'    VALUE = "${{self:custom.value{i % 1000}}}"\n'
            f"  }}\n"
            f"  httpApi {{\n"
            f'    method = "GET"\n'
            f'    path   = "/f{i}"\n'
            f"  }}\n"
            f"}}\n\n"
        )
        out.append(text)
        size += len(text)
        i += 1
    return "".join(out)


def billion_laughs():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


def fmt_blocks(n):
    """`n` changed blocks: unformatted lines between formatted ones."""
    return custom(f"a{i} = 1\n\n  b{i}=2\n" for i in range(n))


def error_on_long_line():
    return custom(['ok = "' + "x" * (10 << 20) + '" ;'])


# name -> (service text or bytes, {other file: text}, special set-up)
def inputs():
    folder = os.path.join(HERE, "..", "examples", "aws-python-http-api")
    example = open(os.path.join(folder, "service.svc")).read()
    beside = {name: open(os.path.join(folder, name)).read() for name in ("handler.py", "requirements.txt")}
    return {
        "chain-3500": lambda: (chain(3500, '"end"'), {}),
        "cycle-3500": lambda: (chain(3500, "${self:custom.v0}"), {}),
        "bomb-string": lambda: (bomb('"0123456789"', lambda b: f'"{b}{b}"'), {}),
        "bomb-list": lambda: (bomb("[1, 2]", lambda b: f"[{b}, {b}]"), {}),
        "bomb-object": lambda: (bomb("{ a = 1 }", lambda b: f"{{ a = {b}, b = {b} }}"), {}),
        "file-dev-zero": lambda: (custom(['v = "${file(/dev/zero)}"']), {}),
        "file-fifo": lambda: (file_reader("fifo"), {"fifo": None}),
        "service-fifo": lambda: (None, {}),
        "artifact-dev-zero": lambda: (
            HEADER + 'function f {\n  handler = "h.f"\n  package {\n    artifact = "/dev/zero"\n  }\n}\n',
            {},
        ),
        "keys-100k": lambda: (custom(f'k{i} = "v{i}"' for i in range(100_000)), {}),
        "fmt-50k-blocks": lambda: (fmt_blocks(50_000), {}),
        "errors-100k": lambda: (custom(f"k{i} = ;" for i in range(100_000)), {}),
        "error-10mb-line": lambda: (error_on_long_line(), {}),
        "random-50mb": lambda: (random.Random(14).randbytes(50 << 20), {}),
        "broken-50mb": lambda: ("= \n" * ((50 << 20) // 3), {}),
        "yaml-100k-deep": lambda: (file_reader("deep.yml"), {"deep.yml": "{a: " * 100_000 + "x" + "}" * 100_000}),
        "brackets-100k": lambda: (custom(["x = " + "[" * 100_000 + "]" * 100_000]), {}),
        "functions-100k": lambda: (functions(100_000), {}),
        "billion-laughs": lambda: (file_reader("laughs.yml"), {"laughs.yml": billion_laughs()}),
        "cr-only": lambda: (example.replace("\n", "\r"), beside),
        "valid-50mb": lambda: (valid_50mb(), {"handler.py": "def f(event, context):\n    return {}\n"}),
    }


def place(path, content):
    """Writes `content` (text or bytes) at `path`; None makes a FIFO."""
    if os.path.lexists(path):
        os.remove(path)
    if content is None:
        os.mkfifo(path)
    else:
        with open(path, "wb") as file:
            file.write(content if isinstance(content, bytes) else content.encode())


def prepare(work, name, make):
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    service = os.path.join(folder, "service.svc")
    text, others = make()
    place(service, text)
    for other, content in others.items():
        place(os.path.join(folder, other), content)
    return folder, service


def guarded(argv):
    """`argv` under a deadline and an address-space limit (`ulimit -v`)."""
    limit = f'ulimit -v {MEMORY_KB} && exec "$@"'
    return ["timeout", "-k", "5", str(TIMEOUT), "sh", "-c", limit, "sh"] + argv


def run(argv):
    """(exit code, wall seconds, peak RSS KB) of one guarded command. The
    peak is GNU time's (`%M`) of svc alone: this process's own rusage of
    its children would count its size at fork, as ru_maxrss survives exec."""
    start = time.monotonic()
    with tempfile.NamedTemporaryFile("r") as peak:
        timed = ["/usr/bin/time", "-q", "-f", "%M", "-o", peak.name] + argv
        code = subprocess.run(guarded(timed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        wall = time.monotonic() - start
        text = peak.read().strip().splitlines()
    kb = int(text[-1]) if text and text[-1].isdigit() else 0
    return ("timeout" if code == 124 else code), wall, kb


def lsp(svc, service):
    if not os.path.isfile(service):
        return "n/a", 0.0, 0
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "lsp_session.py"), svc, service], capture_output=True, text=True
    )
    try:
        code, wall, rss = out.stdout.split()
        return code, float(wall), int(rss)
    except ValueError:
        return f"driver failed: {out.stderr.strip()[-200:]}", 0.0, 0


def median_of(rounds, measure):
    """The median wall time and median peak of `rounds` runs, with their
    exit code (when the runs disagree, every code, joined by `/`)."""
    runs = [measure() for _ in range(rounds)]
    codes = sorted({str(code) for code, _, _ in runs})
    code = runs[0][0] if len(codes) == 1 else "/".join(codes)
    middle = lambda values: sorted(values)[len(values) // 2]
    return code, middle([wall for _, wall, _ in runs]), middle([kb for _, _, kb in runs])


def main():
    svc, work = sys.argv[1], sys.argv[2]
    wanted = set(sys.argv[3:])
    print(f"{'input':<18} {'command':<10} {'exit':>7} {'wall s':>7} {'peak MB':>8}")
    over = 0
    for name, make in inputs().items():
        if wanted and name not in wanted:
            continue
        folder, service = prepare(work, name, make)
        commands = {
            "check": [svc, "check", service],
            "print": [svc, "print", service],
            "build": [svc, "build", service, "-o", os.path.join(folder, "out")],
            "fmt": [svc, "fmt", "--check", service],
        }
        for command, argv in list(commands.items()) + [("lsp", None)]:
            code, wall, kb = median_of(ROUNDS, lambda: lsp(svc, service) if argv is None else run(argv))
            limit = VALID_CHECK_SECONDS if (name, command) == ("valid-50mb", "check") else MAX_SECONDS
            # A signal (negative), an abort (134) or a timeout is over target too.
            bad = wall > limit or kb > MAX_KB or code == "timeout" or (isinstance(code, int) and (code < 0 or code > 128))
            bad = bad or not (str(code).lstrip("-").isdigit() or code == "n/a")
            over += bad
            mark = " !" if bad else ""
            print(f"{name:<18} {command:<10} {code!s:>7} {wall:>7.2f} {kb / 1024:>8.0f}{mark}", flush=True)
        subprocess.run(["rm", "-rf", folder])
    print(f"{over} rows over target (5 s, 1 GB; check of valid-50mb 2 s)")
    return 1 if over else 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
