"""A lesson as prose and Python blocks, and the `# -> value` expectations in those blocks."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$\n?", re.DOTALL | re.MULTILINE)
ARROW = re.compile(r"#\s*->\s?(.*)$")


@dataclass(frozen=True)
class CodeBlock:
    """The `index`-th Python block of a lesson (1-based), as the lesson writes it."""

    index: int
    code: str


@dataclass(frozen=True)
class Expectation:
    """A `# -> value` comment: what the top-level statement ending at `statement_end`
    prints, as the lesson states it (the value, then any remark)."""

    line: int
    text: str
    statement_end: int


def segments(markdown: str) -> list[str | CodeBlock]:
    """The body split into prose (str, fenced non-Python blocks kept in it) and Python blocks."""
    parts: list[str | CodeBlock] = []
    last = 0
    fences = (f for f in FENCE.finditer(markdown) if f.group(1).strip() == "python")
    for index, fence in enumerate(fences, start=1):
        if markdown[last : fence.start()].strip():
            parts.append(markdown[last : fence.start()])
        parts.append(CodeBlock(index, fence.group(2).rstrip("\n")))
        last = fence.end()
    if markdown[last:].strip():
        parts.append(markdown[last:])
    return parts


def python_blocks(markdown: str) -> list[CodeBlock]:
    """Every Python block of the body, in order."""
    return [part for part in segments(markdown) if isinstance(part, CodeBlock)]


def statement_spans(code: str) -> list[tuple[int, int]]:
    """(first line, last line) of each top-level statement, 1-based; empty if it cannot parse."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    return [(node.lineno, node.end_lineno or node.lineno) for node in tree.body]


def expectations(code: str) -> list[Expectation]:
    """The block's `# -> value` comments, each tied to the statement whose output it states:
    the statement on its line, else the last one that ended before it."""
    spans = statement_spans(code)
    found = []
    for number, line in enumerate(code.splitlines(), start=1):
        match = ARROW.search(line)
        if not match or _inside_string(line, match.start()):
            continue
        owner = next((end for start, end in spans if start <= number <= end), None)
        if owner is None:
            before = [end for _, end in spans if end < number]
            if not before:
                continue
            owner = before[-1]
        found.append(Expectation(number, match.group(1).strip(), owner))
    return found


def _inside_string(line: str, column: int) -> bool:
    """Whether the `#` at `column` sits inside a string literal (then it is no comment)."""
    quotes = re.findall(r"(?<!\\)['\"]", line[:column])
    return len(quotes) % 2 == 1
