"""The engine speaks no human language: no Japanese (or other CJK) text in any engine file.
Words a learner reads belong to the course (lessons/) and the interface (tui/)."""

from __future__ import annotations

import re
from pathlib import Path

import dltutor.engine

ENGINE = Path(dltutor.engine.__file__).parent
# kana, CJK ideographs, full-width forms and CJK punctuation
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def cjk_lines(path: Path) -> list[str]:
    text = path.read_text("utf-8", errors="replace")
    return [
        f"{path.relative_to(ENGINE)}:{n}: {line.strip()}"
        for n, line in enumerate(text.splitlines(), 1)
        if CJK.search(line)
    ]


def test_no_engine_file_contains_cjk_text() -> None:
    files = [p for p in ENGINE.rglob("*") if p.is_file() and p.suffix in {".py", ".md", ".txt"}]
    assert files, "the engine's files were not found"
    found = [line for path in files for line in cjk_lines(path)]
    assert not found, "\n".join(found[:20])


def test_the_check_sees_japanese() -> None:
    assert CJK.search("損失") and CJK.search("エポック") and CJK.search("（")
    assert not CJK.search("loss → 0.5 × 2 ≤ 3")
