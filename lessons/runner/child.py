"""The kernel's child process: runs blocks one request at a time in one shared namespace.

Started by `kernel.Kernel` as `python -m dltutor.lessons.runner.child FD MEMORY_MB`.
Requests arrive on stdin as JSON lines `{"code", "name"}`; replies go to file descriptor FD
as JSON lines: `{"stream": text}` while a block prints, then `{"done": {...}}` with the output
of each top-level statement and the learner's own traceback, trimmed to the block. The
child caps its own memory and output; the parent owns the time limit.
"""

from __future__ import annotations

import ast
import contextlib
import json
import linecache
import os
import sys
import time

from dltutor.lessons.sandbox import apply_limits, learner_traceback

OUTPUT_CAP = 200_000  # characters a block may print before the rest is dropped


class Channel:
    """The reply pipe: one JSON object per line."""

    def __init__(self, fd: int) -> None:
        self.file = os.fdopen(fd, "w", encoding="utf-8", buffering=1)

    def send(self, **message: object) -> None:
        self.file.write(json.dumps(message, ensure_ascii=False) + "\n")
        self.file.flush()


class Capture:
    """Stands in for sys.stdout/sys.stderr: keeps a statement's text and streams it live."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.parts: list[str] = []
        self.total = 0
        self.truncated = False
        self._pending: list[str] = []
        self._sent = time.monotonic()

    def write(self, text: str) -> int:
        if self.total >= OUTPUT_CAP:
            self.truncated = True
            return len(text)
        text = text[: OUTPUT_CAP - self.total]
        self.total += len(text)
        self.parts.append(text)
        self._pending.append(text)
        if time.monotonic() - self._sent > 0.05 or "\n" in text:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.channel.send(stream="".join(self._pending))
            self._pending.clear()
            self._sent = time.monotonic()

    def take(self) -> str:
        """The text written since the last take."""
        self.flush()
        text = "".join(self.parts)
        self.parts.clear()
        return text

    def isatty(self) -> bool:
        return False


def _shows_value(node: ast.stmt, lines: list[str]) -> bool:
    """An expression statement with a `# -> value` comment shows its value, as at a prompt."""
    if not isinstance(node, ast.Expr):
        return False
    call = node.value
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print":
        return False
    end = node.end_lineno or node.lineno
    return "# ->" in lines[end - 1] or (end < len(lines) and lines[end].lstrip().startswith("# ->"))


def run_block(code: str, name: str, namespace: dict, capture: Capture) -> dict:
    """Run one block statement by statement; the output of each is kept apart."""
    filename = f"<{name}>"
    lines = code.splitlines()
    linecache.cache[filename] = (len(code), None, [line + "\n" for line in lines], filename)
    statements: list[dict] = []
    try:
        tree = ast.parse(code, filename)
    except SyntaxError as error:
        return {"ok": False, "statements": [], "error": learner_traceback(error, [filename])}
    error_text = None
    stopped = False
    for node in tree.body:
        try:
            if _shows_value(node, lines):
                value = eval(compile(ast.Expression(node.value), filename, "eval"), namespace)
                if value is not None:
                    print(repr(value), file=capture)
            else:
                exec(compile(ast.Module([node], []), filename, "exec"), namespace)
        except KeyboardInterrupt:
            stopped = True
        except MemoryError:
            error_text = "MemoryError: the block ran out of memory (the kernel's memory cap)"
        except BaseException as error:  # the learner's error, shown as theirs
            error_text = learner_traceback(error, [filename])
        statements.append(
            {"start": node.lineno, "end": node.end_lineno or node.lineno, "output": capture.take()}
        )
        if stopped or error_text:
            break
    return {
        "ok": not (stopped or error_text),
        "stopped": stopped,
        "statements": statements,
        "error": error_text,
        "truncated": capture.truncated,
    }


def main() -> None:
    fd, memory_mb = int(sys.argv[1]), int(sys.argv[2])
    channel = Channel(fd)
    import numpy  # noqa: F401  (imported before the cap: it reserves address space)

    # Where the platform has no address-space limits, the parent's time limit remains.
    if memory_mb > 0:
        with contextlib.suppress(ImportError, ValueError, OSError):
            apply_limits(memory_mb)
    namespace: dict = {"__name__": "__main__"}
    channel.send(ready=True)
    for line in sys.stdin:
        request = json.loads(line)
        capture = Capture(channel)
        sys.stdout = sys.stderr = capture
        try:
            result = run_block(request["code"], request["name"], namespace, capture)
        except KeyboardInterrupt:
            result = {"ok": False, "stopped": True, "statements": [], "error": None}
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        channel.send(done=result)


if __name__ == "__main__":
    main()
