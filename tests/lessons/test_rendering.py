"""Every lesson, rendered at 80 columns as `dltutor read` renders it, reads cleanly: no
Markdown markers leak into the text, no line starts with a Japanese comma or full stop, and no
stray space sits between two Japanese characters."""

from __future__ import annotations

import io
import re

import pytest
from markdown_it import MarkdownIt
from rich.cells import cell_len
from rich.console import Console

from dltutor.lessons.catalog import LANGUAGES, lessons, prose
from dltutor.tui.render.kinsoku import kinsoku_breaks
from dltutor.tui.render.lesson_markdown import LessonMarkdown

JAPANESE = r"\u3040-\u30ff\u3400-\u9fff"
SPACED_JAPANESE = re.compile(rf"[{JAPANESE}] (?=[{JAPANESE}])")
CASES = [(lang, lesson) for lang in LANGUAGES for lesson in lessons(lang)]
IDS = [f"{lang}-{lesson.key}" for lang, lesson in CASES]


def rendered_prose(body: str) -> list[str]:
    """The lesson's prose (fenced code left out) as rendered lines of an 80-column terminal."""
    console = Console(width=80, file=io.StringIO(), color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(LessonMarkdown(prose(body)))
    return capture.get().splitlines()


def inline_tokens(body: str) -> list:
    """The inline tokens (text, emphasis, code spans) the Markdown parser found."""
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    return [child for token in tokens if token.type == "inline" for child in token.children or []]


def test_the_course_has_every_lesson_in_both_languages() -> None:
    assert len(CASES) == 36


@pytest.mark.parametrize(("lang", "lesson"), CASES, ids=IDS)
def test_no_markdown_markers_leak(lang: str, lesson) -> None:
    tokens = inline_tokens(lesson.body)
    leaked = [
        t.content for t in tokens if t.type == "text" and ("**" in t.content or "__" in t.content)
    ]
    assert not leaked, f"{lang}/{lesson.key}: literal ** or __ in {leaked[:3]}"
    depth, nested = 0, []
    for token in tokens:
        depth += {"strong_open": 1, "strong_close": -1}.get(token.type, 0)
        if token.type == "strong_open" and depth > 1:
            nested.append(token.map)
    assert not nested, (
        f"{lang}/{lesson.key}: bold opens inside bold (a span closed in the wrong place)"
    )


@pytest.mark.parametrize(("lang", "lesson"), CASES, ids=IDS)
def test_no_line_starts_with_a_comma_or_full_stop(lang: str, lesson) -> None:
    bad = [line for line in rendered_prose(lesson.body) if line.lstrip().startswith(("、", "。"))]
    assert not bad, f"{lang}/{lesson.key}: rendered lines start with 、 or 。: {bad[:3]}"


@pytest.mark.parametrize(("lang", "lesson"), CASES, ids=IDS)
def test_no_space_between_japanese_characters(lang: str, lesson) -> None:
    bad = [line for line in rendered_prose(lesson.body) if SPACED_JAPANESE.search(line)]
    assert not bad, f"{lang}/{lesson.key}: a space between Japanese characters in {bad[:3]}"


def test_kinsoku_moves_a_break_before_a_full_stop() -> None:
    assert kinsoku_breaks("あ" * 40 + "い", 80) == [40]
    assert kinsoku_breaks("あ" * 40 + "。い", 80) == [39], "。 must not start the second line"
    assert kinsoku_breaks("あ" * 38 + "（い）", 80) == [38], "（ must not end the first line"


def test_lines_break_at_spaces_or_beside_japanese_never_inside_a_latin_word() -> None:
    assert kinsoku_breaks("alpha beta gamma", 12) == [11]
    text = "あ" * 38 + "NumPyの配列"
    assert kinsoku_breaks(text, 80) == [38], "NumPy moves down whole"
    assert kinsoku_breaks("x" * 100, 40) == [40, 80], "a run with no break is folded"


@pytest.mark.parametrize(("lang", "lesson"), CASES, ids=IDS)
def test_rendered_lines_fit_80_columns(lang: str, lesson) -> None:
    wide = [line for line in rendered_prose(lesson.body) if cell_len(line.rstrip()) > 80]
    assert not wide, f"{lang}/{lesson.key}: rendered lines wider than 80 columns: {wide[:2]}"
