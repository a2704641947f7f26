"""Run learner code in a child process, never in dltutor's own.

    result = run_in_child("dltutor.lessons.exercises.child:run", payload, Limits(seconds=10))

The child is `python -m dltutor.lessons.sandbox`: its own session and process group (a Ctrl-C
at the terminal does not reach it, and killing the group takes any process it started), an
address-space cap (RLIMIT_AS) set before learner code runs, and a wall-clock limit enforced
here by killing the whole group. The payload goes in on stdin as JSON; the target's return
value comes back as JSON over a separate pipe, so whatever the learner prints cannot garble
it; their prints come back too, capped. An exception is returned as the learner's own
traceback: only frames from their files (`payload["files"]`) are kept, and a SyntaxError
shows their line and caret.

The pieces are apart so a long-lived child (a kernel running lesson code blocks) can reuse
them: `spawn` starts a limited child, `stop_group` ends it, `apply_limits` and
`learner_traceback` run on the child's side.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, Literal

Status = Literal["ok", "error", "timeout", "memory", "crashed", "stopped"]

# Learner code gets one BLAS thread: the machine is shared, and a thread pool's reserved
# stacks would eat into the address-space cap.
CHILD_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONUNBUFFERED": "1",
}


@dataclass(frozen=True)
class Limits:
    """How long and how big the child may get, and how much of its output comes back."""

    seconds: float = 10.0
    memory_mb: int = 2048
    output_chars: int = 20_000


@dataclass
class SandboxResult:
    """What came back: `value` when status is ok; `error` (trimmed traceback) otherwise."""

    status: Status
    value: Any = None
    error: str = ""
    output: str = ""
    elapsed: float = 0.0
    limits: Limits = field(default_factory=Limits)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


# --- parent side --------------------------------------------------------------------------


def spawn(
    limits: Limits, result_fd: int, extra_env: dict[str, str] | None = None
) -> subprocess.Popen:
    """Start `python -m dltutor.lessons.sandbox` in a new session; `result_fd` is inherited."""
    env = {**os.environ, **CHILD_ENV, **(extra_env or {})}
    env["DLTUTOR_SANDBOX_FD"] = str(result_fd)
    env["DLTUTOR_SANDBOX_MEMORY_MB"] = str(limits.memory_mb)
    env["DLTUTOR_SANDBOX_CPU_SECONDS"] = str(math.ceil(limits.seconds) + 2)
    return subprocess.Popen(
        [sys.executable, "-m", "dltutor.lessons.sandbox"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        pass_fds=(result_fd,),
        start_new_session=True,
        env=env,
    )


def stop_group(proc: subprocess.Popen) -> None:
    """Kill the child's whole process group (it leads it) and reap the child."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


class _CappedReader(threading.Thread):
    """Drains a pipe to the end (so the child never blocks on a full pipe), keeping `cap`
    characters."""

    def __init__(self, stream, cap: int) -> None:
        super().__init__(daemon=True)
        self.stream, self.cap = stream, cap
        self.parts: list[bytes] = []
        self.kept = 0
        self.dropped = 0

    def run(self) -> None:
        while chunk := self.stream.read1(65536):
            room = self.cap - self.kept
            if room > 0:
                self.parts.append(chunk[:room])
                self.kept += min(room, len(chunk))
            self.dropped += max(0, len(chunk) - max(room, 0))

    def text(self) -> str:
        out = b"".join(self.parts).decode("utf-8", "replace")
        return out + (f"\n… ({self.dropped} more bytes)" if self.dropped else "")


class SandboxRun:
    """One child run; `stop()` (from any thread) ends it early with status 'stopped'."""

    def __init__(self, target: str, payload: dict[str, Any], limits: Limits) -> None:
        self.target, self.payload, self.limits = target, payload, limits
        self._stopped = threading.Event()

    def stop(self) -> None:
        self._stopped.set()

    def wait(self) -> SandboxResult:
        read_fd, write_fd = os.pipe()
        started = time.monotonic()
        try:
            proc = spawn(self.limits, write_fd)
        finally:
            os.close(write_fd)
        result_reader = _CappedReader(os.fdopen(read_fd, "rb"), 64 * 1024 * 1024)
        output_reader = _CappedReader(proc.stdout, self.limits.output_chars)
        result_reader.start()
        output_reader.start()
        status: Status | None = None
        try:
            if proc.stdin is not None:
                with contextlib.suppress(BrokenPipeError):
                    proc.stdin.write(json.dumps({"target": self.target, **self.payload}).encode())
                    proc.stdin.close()
            while proc.poll() is None:
                if self._stopped.is_set():
                    status = "stopped"
                    break
                if time.monotonic() - started > self.limits.seconds:
                    status = "timeout"
                    break
                time.sleep(0.01)
        except KeyboardInterrupt:
            status = "stopped"
        finally:
            stop_group(proc)  # also ends anything the learner's code left running
        elapsed = time.monotonic() - started
        result_reader.join(1)
        output_reader.join(1)
        output = output_reader.text()
        if status is not None:
            return SandboxResult(status, output=output, elapsed=elapsed, limits=self.limits)
        raw = b"".join(result_reader.parts)
        try:
            reply = json.loads(raw)
        except ValueError:
            reply = {"status": "crashed", "error": f"exit code {proc.returncode}"}
        return SandboxResult(
            reply.get("status", "crashed"),
            value=reply.get("value"),
            error=reply.get("error", ""),
            output=output,
            elapsed=elapsed,
            limits=self.limits,
        )


def run_in_child(
    target: str, payload: dict[str, Any], limits: Limits | None = None
) -> SandboxResult:
    """Run `target(payload)` ("package.module:function") in a limited child; wait for it."""
    return SandboxRun(target, payload, limits or Limits()).wait()


# --- child side ---------------------------------------------------------------------------


def apply_limits(memory_mb: int, cpu_seconds: int | None = None) -> None:
    """Cap the address space (a runaway allocation becomes a MemoryError) and core dumps;
    with `cpu_seconds`, CPU time too, so a loop ends even if the parent that would kill it
    is gone."""
    import resource

    cap = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if cpu_seconds is not None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def learner_traceback(error: BaseException, files: Sequence[str | Path]) -> str:
    """The traceback as the learner should see it: frames from their files only, with the
    file's name (not its full path); a SyntaxError as Python shows it (line and caret)."""
    wanted = {str(Path(f).resolve()) for f in files}
    lines: list[str] = []
    frames = [
        f
        for f in traceback.extract_tb(error.__traceback__)
        if str(Path(f.filename).resolve()) in wanted
    ]
    if frames:
        lines.append("Traceback (most recent call last):\n")
        for frame in frames:
            lines.append(
                f'  File "{Path(frame.filename).name}", line {frame.lineno}, in {frame.name}\n'
            )
            if frame.line:
                lines.append(f"    {frame.line.strip()}\n")
    if isinstance(error, SyntaxError) and error.filename:
        error.filename = Path(error.filename).name
    lines.extend(traceback.format_exception_only(type(error), error))
    return "".join(lines).rstrip("\n")


def _reply(fd: int, reply: dict[str, Any]) -> None:
    data = json.dumps(reply, default=str).encode()
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def child_main() -> int:
    """Entry of the child: read the payload, set limits, run the target, reply on the fd."""
    fd = int(os.environ["DLTUTOR_SANDBOX_FD"])
    payload = json.loads(sys.stdin.buffer.read() or b"{}")
    module_name, _, function_name = payload["target"].partition(":")
    files = payload.get("files", [])
    target: Callable[[dict[str, Any]], Any] = getattr(import_module(module_name), function_name)
    cpu = os.environ.get("DLTUTOR_SANDBOX_CPU_SECONDS")
    apply_limits(
        int(os.environ.get("DLTUTOR_SANDBOX_MEMORY_MB", Limits.memory_mb)),
        int(cpu) if cpu else None,
    )
    try:
        value = target(payload)
    except MemoryError as error:
        _reply(fd, {"status": "memory", "error": learner_traceback(error, files)})
    except BaseException as error:  # noqa: BLE001 - the learner's code may raise anything
        _reply(fd, {"status": "error", "error": learner_traceback(error, files)})
    else:
        _reply(fd, {"status": "ok", "value": value})
    return 0


if __name__ == "__main__":
    sys.exit(child_main())
