"""One child process per lesson in which its blocks run and share a namespace.

The parent never runs the code: it sends a block, reads the child's replies with a
deadline, and owns the child's life. A block that runs past the time limit is interrupted
(SIGINT, so the namespace survives); one that ignores the interrupt, or a child that dies
(a crash, the memory cap), has its whole process group killed and the next block starts a
fresh child. Measured here, a plain child starts about five times faster than a Jupyter
kernel and answers a warm run in well under a millisecond against about ten
(`python -m dltutor.lessons.runner.bench`), so this is a plain child.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

from dltutor.lessons.sandbox import CHILD_ENV, stop_group

DEFAULT_TIME_LIMIT = 30.0  # seconds a block may run
DEFAULT_MEMORY_MB = 2048  # address space the child may hold
GRACE = 2.0  # seconds an interrupted block gets to stop before the child is killed
EOF: dict = {"eof": True}  # the reply pipe closed: the child is gone


class KernelError(RuntimeError):
    """The child could not be started; the message says what to do."""


class Kernel:
    """A lazily started child process; `run` yields printed text, then the result dict."""

    def __init__(
        self, time_limit: float = DEFAULT_TIME_LIMIT, memory_mb: int = DEFAULT_MEMORY_MB
    ) -> None:
        self.time_limit = time_limit
        self.memory_mb = memory_mb
        self.process: subprocess.Popen[bytes] | None = None
        self._replies = None
        self._buffer = b""
        self.restarted = False  # the last run had to start over: earlier variables are gone

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        read_fd, write_fd = os.pipe()
        try:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "dltutor.lessons.runner.child",
                    str(write_fd),
                    str(self.memory_mb),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(write_fd,),
                start_new_session=True,
                env=os.environ | CHILD_ENV,
            )
        except OSError as error:
            os.close(read_fd)
            raise KernelError(f"could not start Python for the lesson's code ({error})") from None
        finally:
            os.close(write_fd)
        self._replies = os.fdopen(read_fd, "rb", buffering=0)
        self._buffer = b""
        ready = self._next(time.monotonic() + 60)
        if ready is None or not ready.get("ready"):
            self.close()
            raise KernelError(
                "the code runner did not start; check that numpy imports in this Python"
            )

    def run(self, code: str, name: str) -> Iterator[str | dict]:
        """Run `code`; yield each piece of printed text, then the child's result dict
        (with `timed_out` / `crashed` set by the parent when it had to step in)."""
        self.restarted = not self.alive and self.process is not None
        if not self.alive:
            self.start()
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write((json.dumps({"code": code, "name": name}) + "\n").encode())
        self.process.stdin.flush()
        deadline = time.monotonic() + self.time_limit
        interrupted = False
        while True:
            message = self._next(deadline)
            if message is EOF:
                self.kill()
                yield {"ok": False, "statements": [], "error": None, "crashed": True}
                return
            if message is None and not interrupted:
                self.interrupt()
                interrupted, deadline = True, time.monotonic() + GRACE
                continue
            if message is None:
                timed_out = self.alive or interrupted
                self.kill()
                yield {
                    "ok": False,
                    "statements": [],
                    "error": None,
                    "timed_out": timed_out,
                    "crashed": not timed_out,
                }
                return
            if "stream" in message:
                yield message["stream"]
            elif "done" in message:
                yield message["done"] | {
                    "timed_out": interrupted and message["done"].get("stopped", False)
                }
                return

    def _next(self, deadline: float) -> dict | None:
        """The next reply; None when the deadline passes, EOF when the child is gone."""
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if self._replies is None:
                return EOF
            if remaining <= 0:
                return None
            with selectors.DefaultSelector() as selector:
                selector.register(self._replies, selectors.EVENT_READ)
                if not selector.select(min(remaining, 0.25)):
                    continue
            chunk = self._replies.read(65536)
            if not chunk:
                return EOF
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def interrupt(self) -> None:
        """Ask the running block to stop (KeyboardInterrupt in the child)."""
        if self.alive:
            assert self.process is not None
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGINT)

    def kill(self) -> None:
        """End the child and everything it started."""
        if self.process is not None and self.process.poll() is None:
            stop_group(self.process)
        if self._replies is not None:
            self._replies.close()
            self._replies = None

    def restart(self) -> None:
        self.kill()
        self.process = None
        self.start()

    def close(self) -> None:
        self.kill()
        if self.process is not None and self.process.stdin is not None:
            self.process.stdin.close()
        self.process = None

    def __enter__(self) -> Kernel:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
