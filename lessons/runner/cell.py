"""A block's run as data: its output, its error, and each expectation matched or not."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .blocks import CodeBlock, expectations
from .expect import matches
from .kernel import Kernel


@dataclass(frozen=True)
class Check:
    """One `# -> value` comment and what the statement it belongs to printed."""

    line: int
    expected: str
    got: str
    matched: bool


@dataclass(frozen=True)
class BlockResult:
    index: int
    ok: bool
    output: str
    error: str | None  # the learner's traceback, or why the run was stopped
    checks: tuple[Check, ...]
    stopped: bool = False
    timed_out: bool = False
    crashed: bool = False
    restarted: bool = False  # the kernel had to start over before this block

    @property
    def expected_matched(self) -> bool | None:
        """True when every expectation matched, None when the block states none."""
        if not self.ok:
            return False if self.checks else None
        return all(c.matched for c in self.checks) if self.checks else None

    def as_json(self) -> dict:
        return {
            "index": self.index,
            "ok": self.ok,
            "output": self.output,
            "expected_matched": self.expected_matched,
            "error": self.error,
            "expectations": [c.__dict__ for c in self.checks],
        }


def assess(block: CodeBlock, done: dict, restarted: bool = False) -> BlockResult:
    """Turn the child's reply into a result, matching each expectation against the output
    of the statement it belongs to."""
    outputs: dict[int, str] = {}
    for statement in done.get("statements", []):
        outputs[statement["end"]] = statement["output"]
    checks = []
    by_statement: dict[int, list] = {}
    for expectation in expectations(block.code):
        by_statement.setdefault(expectation.statement_end, []).append(expectation)
    for end, stated in by_statement.items():
        if end not in outputs:
            continue  # the block stopped before this statement ran
        remaining = outputs[end]
        for expectation in stated:
            # Several comments for one statement share its output line by line.
            got, _, remaining = (
                remaining.partition("\n") if len(stated) > 1 else (remaining, "", "")
            )
            checks.append(
                Check(
                    expectation.line, expectation.text, got.strip(), matches(expectation.text, got)
                )
            )
    return BlockResult(
        index=block.index,
        ok=bool(done.get("ok")),
        output="".join(s["output"] for s in done.get("statements", [])),
        error=done.get("error"),
        checks=tuple(sorted(checks, key=lambda c: c.line)),
        stopped=bool(done.get("stopped")),
        timed_out=bool(done.get("timed_out")),
        crashed=bool(done.get("crashed")),
        restarted=restarted,
    )


def run_cell(kernel: Kernel, block: CodeBlock, name: str) -> Iterator[str | BlockResult]:
    """Run one block in `kernel`: printed text as it comes, then the BlockResult."""
    for item in kernel.run(block.code, name):
        if isinstance(item, str):
            yield item
        else:
            yield assess(block, item, kernel.restarted)
