"""The catalog finds lessons by id, key or slug and explains malformed files."""

from __future__ import annotations

import pytest

from dltutor.lessons.catalog import LessonError, get_lesson, lessons, parse_lesson

GOOD = """+++
id = "42"
title = "Answers"
summary = "Why."
minutes = 5
labs = ["42-demo"]
quiz = "42-answers"
sections = ["first", "second"]
+++
Intro.

## The first
Text.

## The second
More.
"""


def test_parse_pairs_slugs_with_headings() -> None:
    lesson = parse_lesson(GOOD, lang="en", filename="42-answers.md")
    assert lesson.key == "42-answers"
    assert [(s.slug, s.title) for s in lesson.sections] == [
        ("first", "The first"),
        ("second", "The second"),
    ]
    assert lesson.labs == ("42-demo",)


def test_parse_rejects_mismatched_sections() -> None:
    broken = GOOD.replace('"first", "second"', '"first"')
    with pytest.raises(LessonError, match="names 1 sections but the body has 2"):
        parse_lesson(broken, lang="en", filename="42-answers.md")


def test_parse_rejects_missing_front_matter() -> None:
    with pytest.raises(LessonError, match="front matter"):
        parse_lesson("## Just text\n", lang="en", filename="x.md")


@pytest.mark.parametrize("ref", ["0", "00", "00-welcome", "welcome", " WELCOME "])
def test_lookup_by_id_key_or_slug(ref: str) -> None:
    assert get_lesson(ref).key == "00-welcome"


def test_unknown_lesson_names_the_known_ids() -> None:
    with pytest.raises(LessonError, match="known ids: 00"):
        get_lesson("99")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(LessonError, match="unknown language"):
        lessons("fr")


def japanese_body(body: str) -> str:
    text = GOOD.replace('sections = ["first", "second"]', 'sections = ["heading"]')
    text = text.split("+++\n", 2)
    return parse_lesson(f"+++\n{text[1]}+++\n{body}", lang="ja", filename="42-answers.md").body


def test_japanese_soft_breaks_join_without_a_space() -> None:
    body = japanese_body(
        "## 見出し\n日本語の段落は\n途中で改行しても一続きです。\nASCII は\n別行に続きます。\n"
        "- 箇条書きの\n  続きの行と NumPy\n  だけの行\n- 次の項目\n"
        "```text\n図の\n行\n```\n"
    )
    assert "日本語の段落は途中で改行しても一続きです。ASCIIは別行に続きます。" in body
    assert "\n- 箇条書きの続きの行とNumPyだけの行\n- 次の項目\n" in body
    assert "## 見出し\n日本語" in body
    assert "図の\n行" in body


def test_japanese_spaces_that_bold_needs_are_kept() -> None:
    body = japanese_body("## 見出し\nこれは **重要** です。勾配は **(6, 8)** です。\n")
    assert "これは**重要**です。" in body
    assert "勾配は **(6, 8)** です。" in body  # `**(` after Japanese could not open bold
