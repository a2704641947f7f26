"""The reader's page ends by pointing to the lesson's exercises."""

from __future__ import annotations

import pytest

from dltutor.lessons.catalog import get_lesson
from dltutor.lessons.exercises import exercises_for
from dltutor.lessons.page import lesson_page


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_lesson_with_exercises_names_each_and_how_to_start(lang: str) -> None:
    page = lesson_page(get_lesson("04", lang))
    for exercise in exercises_for("04"):
        assert f"`{exercise.id}`: {exercise.title(lang)}" in page
    assert "dltutor exercise start 04-" in page
    assert page.startswith("# 04 · ")


def test_a_lesson_without_exercises_ends_with_its_body() -> None:
    lesson = get_lesson("17", "en")
    assert not exercises_for("17")
    assert lesson_page(lesson).rstrip().endswith(lesson.body.rstrip())
