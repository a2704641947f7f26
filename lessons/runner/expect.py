"""Does what a block printed match the `# -> value` the lesson wrote beside it?

Both sides are read as tokens (numbers, words, `...`), punctuation aside, so `[1. 0.5]`
matches `[1.0, 0.5]`. A number matches within one unit of the coarser printed precision
(`0.3567` matches 0.35667494…; integers must be equal). Every printed token must match in
order; the expectation may go on after the output ends (a remark such as `(about 3x)`),
and `...` or `…` in it accepts the rest of the output.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

TOKEN = re.compile(
    r"(?P<ellipsis>\.\.\.|…)"
    r"|(?P<number>[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)"
    r"|(?P<word>[^\W\d_][\w.]*|_\w*)"
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


def tokens(text: str) -> list[Token]:
    return [Token(m.lastgroup or "word", m.group()) for m in TOKEN.finditer(text)]


def _unit(text: str) -> float:
    """One unit in the last printed place: 0.01 for `0.07`, 1e-9 for `1.5e-08`, 0 for `15`."""
    mantissa, _, exponent = text.lower().partition("e")
    if "." not in mantissa and not exponent:
        return 0.0
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def _same(expected: Token, got: Token) -> bool:
    if expected.kind == "number" and got.kind == "number":
        a, b = float(expected.text), float(got.text)
        if math.isinf(a) or math.isinf(b):
            return a == b
        return abs(a - b) <= max(_unit(expected.text), _unit(got.text)) * (1 + 1e-9)
    return expected.text == got.text


def matches(expected: str, output: str) -> bool:
    """Whether `output` shows what `expected` states (see the module docstring)."""
    want, got = tokens(expected), tokens(output)
    if not got:
        return not want
    for position, token in enumerate(got):
        if position >= len(want):
            return False
        if want[position].kind == "ellipsis":
            return True
        if not _same(want[position], token):
            return False
    return True
