"""Lessons 09–17 as a reader gets them: each python block prints what its `# ->` comments
say, every `--set NAME` names a knob of the lab its paragraph runs, and the Japanese
edition renders with no literal `**` (markdown-it is the parser the app uses)."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from markdown_it import MarkdownIt

from dltutor.engine.labs import all_labs
from dltutor.lessons.catalog import LANGUAGES, lessons, prose

LATE = {
    lang: {lesson.key: lesson for lesson in lessons(lang) if "09" <= lesson.id <= "17"}
    for lang in LANGUAGES
}
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
EXPECTED = re.compile(r"#\s*->\s*(.+?)\s*$", re.MULTILINE)
LAB_RUN = re.compile(r"dltutor lab (\d\d-[a-z0-9-]+)((?: --set [a-z_]+=[^\s`]+)+)")
CJK = "\u3000-\u30ff\u3400-\u9fff\uff00-\uffef"
CJK_GAP = re.compile(f"[{CJK}] +[{CJK}]")
KNOBS = {lab.id: {knob.name for knob in lab.knobs} for lab in all_labs()}


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", sorted(LATE["en"]))
def test_blocks_print_what_their_comments_say(key: str, lang: str) -> None:
    """Each `# -> value` must appear in the block's output, in order of the comments."""
    namespace: dict = {"__name__": f"lesson_{key.replace('-', '_')}"}
    for number, block in enumerate(PYTHON_BLOCK.findall(LATE[lang][key].body), start=1):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block, f"{lang}/{key}.md block {number}", "exec"), namespace)
        printed, position = squash(out.getvalue()), 0
        for expected in EXPECTED.findall(block):
            found = printed.find(squash(expected), position)
            assert found >= 0, (
                f"{lang}/{key}.md block {number}: expected {expected!r} after position "
                f"{position} in {printed!r}"
            )
            position = found + len(squash(expected))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", sorted(LATE["en"]))
def test_lab_commands_set_existing_knobs(key: str, lang: str) -> None:
    lesson = LATE[lang][key]
    for lab, settings in LAB_RUN.findall(prose(lesson.body)):
        assert lab in lesson.labs or lab in KNOBS, f"{lang}/{key}.md runs unknown lab {lab}"
        for name in re.findall(r"--set ([a-z_]+)=", settings):
            assert name in KNOBS[lab], f"{lang}/{key}.md: lab {lab} has no knob {name!r}"


def inline_tokens(tokens):
    for token in tokens:
        if token.type == "inline":
            yield from inline_tokens(token.children or [])
        else:
            yield token


def inline_texts(tokens) -> list[str]:
    return [token.content for token in inline_tokens(tokens) if token.type == "text"]


@pytest.mark.parametrize("key", sorted(LATE["ja"]))
def test_japanese_bold_renders(key: str) -> None:
    tokens = MarkdownIt("commonmark").enable("table").parse(LATE["ja"][key].body)
    stray = [text for text in inline_texts(tokens) if "**" in text or "__" in text]
    assert not stray, f"ja/{key}.md renders literal bold markers: {stray[:3]}"


@pytest.mark.parametrize("key", sorted(LATE["ja"]))
def test_japanese_prose_has_no_breaks_or_gaps(key: str) -> None:
    """A soft line break or a space between two Japanese characters is drawn as a gap and
    becomes the only place a terminal wraps the line: each paragraph is one source line."""
    tokens = list(
        inline_tokens(MarkdownIt("commonmark").enable("table").parse(LATE["ja"][key].body))
    )
    breaks = [token for token in tokens if token.type == "softbreak"]
    assert not breaks, f"ja/{key}.md has {len(breaks)} line breaks inside paragraphs"
    gaps = [text for text in inline_texts(tokens) if CJK_GAP.search(text)]
    assert not gaps, f"ja/{key}.md has spaces between Japanese characters: {gaps[:2]}"
