"""Japanese lessons in the app wrap by the kinsoku rule: no rendered line of a paragraph or a
list item starts with 、。）」 or ends with （「, at either terminal size; English text wraps
exactly as Textual wraps it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content, Span
from textual.geometry import Region
from textual.widgets._markdown import MarkdownParagraph

from dltutor.tui.app.app import DLTutorApp
from dltutor.tui.app.widgets.code_cell import LessonDocument
from dltutor.tui.app.widgets.kinsoku_paragraph import KinsokuContent, kinsoku_wrap
from dltutor.tui.app.widgets.lesson_viewer import LessonViewer
from dltutor.tui.render.kinsoku import NO_LINE_END, NO_LINE_START, kinsoku_breaks

LESSONS = ["02-neural-networks", "05-optimizers", "10-cnn", "14-rnn"]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def shown_lines(paragraph: MarkdownParagraph) -> list[str]:
    """The paragraph's lines as the screen draws them."""
    width, height = paragraph.size
    strips = paragraph.render_lines(Region(0, 0, width, height))
    return [strip.text.rstrip() for strip in strips]


@pytest.mark.parametrize("size", SIZES)
async def test_japanese_lessons_never_break_before_closing_punctuation(
    dltutor_home: Path, size: tuple[int, int]
) -> None:
    app = DLTutorApp(lang="ja")
    async with app.run_test(size=size) as pilot:
        for key in LESSONS:
            app.open_lesson(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            document = app.screen.query_one(LessonViewer).query_one(LessonDocument)
            paragraphs = list(document.query(MarkdownParagraph))
            in_lists = [p for p in paragraphs if p.parent is not document]
            assert paragraphs and in_lists, f"{key}: no paragraphs or list items were read"
            for paragraph in paragraphs:
                lines = shown_lines(paragraph)
                text = paragraph._content.plain
                where = f"{key} at {size}: {text[:30]!r}"
                assert len(lines) == paragraph.size.height > 0, where
                assert "".join(lines).replace(" ", "") == text.replace(" ", ""), where
                for line in lines:
                    assert line.strip(), f"{where}: a blank line inside the paragraph"
                    assert line.lstrip()[0] not in NO_LINE_START, f"{where}: line starts {line!r}"
                    assert line[-1] not in NO_LINE_END, f"{where}: line ends {line!r}"
            app.pop_screen()
            await pilot.pause()


def test_japanese_wraps_by_kinsoku_keeping_styles() -> None:
    text = "これは" + "あ" * 35 + "（括弧）です。**太字**と`code`です。"
    bold = Span(len(text) - 12, len(text) - 10, "bold")
    lines = kinsoku_wrap(Content(text, [bold]), 76)
    assert [line.plain for line in lines] == [text[:38], text[38:]], "（ moves down"
    assert lines[1].spans and lines[1].spans[0].style == "bold"
    assert [line.plain[0] for line in kinsoku_wrap(Content("あ" * 10 + "。い"), 20)] == ["あ", "あ"]


def test_latin_words_stay_whole_beside_japanese() -> None:
    lines = kinsoku_wrap(Content("あ" * 36 + "NumPyの配列"), 76)
    assert [line.plain for line in lines] == ["あ" * 36, "NumPyの配列"]


def test_english_wraps_exactly_as_textual_wraps() -> None:
    text = "A paragraph of plain English, with a very-long-hyphenated-word and   spaces. " * 3
    content = Content(text, [Span(2, 11, "bold")])
    for width in (1, 7, 20, 33, 80):
        ours = [(line.plain, line.spans) for line in kinsoku_wrap(content, width)]
        textual = [(line.plain, line.spans) for line in content.wrap(width)]
        assert ours == textual, width


def test_height_is_measured_with_the_same_breaks() -> None:
    content = KinsokuContent.of(Content("あ" * 10 + "。い"))
    assert len(content.without_spans._wrap_and_format(20)) == len(kinsoku_wrap(content, 20)) == 2


def test_a_width_narrower_than_a_character_still_ends() -> None:
    assert kinsoku_breaks("あい。", 1) == [1, 2], "each character alone, folding where it must"
    assert kinsoku_breaks("あい", 0) == [1]
    assert len(kinsoku_wrap(Content("あい。"), 1)) == 3
