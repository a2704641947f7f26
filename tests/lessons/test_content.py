"""Content lint: every lesson and quiz bank is well formed and the two languages agree.

That every block runs and prints what its `# -> value` comments say is checked through
`dltutor run` (tests/tui/test_cli_code.py); lab ids and knobs in tests/lessons/test_lesson_labs.py."""

from __future__ import annotations

import re
import unicodedata

import pytest

from dltutor.lessons.catalog import LANGUAGES, lessons, prose
from dltutor.lessons.quiz.bank import load_banks

LAB_ID = re.compile(r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*$")
FENCED = re.compile(r"^```[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)

EN = {lesson.key: lesson for lesson in lessons("en")}
JA = {lesson.key: lesson for lesson in lessons("ja")}


def test_course_has_lessons_in_both_languages() -> None:
    assert EN, "no English lessons found"
    assert set(EN) == set(JA), "en and ja must have the same lesson files"


@pytest.mark.parametrize("key", sorted(EN))
def test_languages_agree(key: str) -> None:
    en, ja = EN[key], JA[key]
    assert en.id == ja.id == key[:2]
    assert [s.slug for s in en.sections] == [s.slug for s in ja.sections]
    assert en.labs == ja.labs
    assert en.quiz == ja.quiz
    assert en.minutes == ja.minutes


@pytest.mark.parametrize("key", sorted(EN))
def test_front_matter_is_sensible(key: str) -> None:
    for lesson in (EN[key], JA[key]):
        assert 5 <= lesson.minutes <= 15, f"{key}: a lesson takes 5-15 minutes"
        assert lesson.title and lesson.summary
        assert len({s.slug for s in lesson.sections}) == len(lesson.sections), "duplicate slugs"
        for lab in lesson.labs:
            assert LAB_ID.match(lab) and lab[:2] == lesson.id, f"{key}: odd lab id {lab!r}"
        assert "\n# " not in "\n" + prose(lesson.body), (
            f"{key}: the body must not have a '# ' title"
        )


@pytest.mark.parametrize("key", sorted(EN))
def test_quiz_bank_is_valid(key: str) -> None:
    """`load_banks` checks each question (ids, types, both languages, answers) and raises a
    BankError naming the file and question; this adds what only the lesson can tell."""
    lesson = EN[key]
    assert lesson.quiz == key, f"{key}: the quiz bank shares the lesson's key"
    questions = load_banks()[lesson.id]
    assert {q.source for q in questions} == {f"{key}.toml"}, f"{key}: bank file and lesson id"
    slugs = {s.slug for s in lesson.sections}
    for q in questions:
        assert q.section in slugs, f"{q.id}: section {q.section!r} is not in the lesson"
        if q.type == "order":
            assert q.n_choices >= 3, f"{q.id}: an order question needs three choices or more"
            answer = list(q.answer)
            assert answer != sorted(answer), f"{q.id}: stored order must not give the answer away"


def test_question_ids_are_unique_across_the_course() -> None:
    ids = [q.id for questions in load_banks().values() for q in questions]
    assert len(ids) == len(set(ids)), "duplicate question ids"


def display_width(line: str) -> int:
    """Columns a terminal gives the line: wide characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in line
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", sorted(EN))
def test_code_and_diagrams_fit_an_80_column_terminal(key: str, lang: str) -> None:
    lesson = (EN if lang == "en" else JA)[key]
    too_wide = [
        line
        for block in FENCED.findall(lesson.body)
        for line in block.splitlines()
        if display_width(line) > 80
    ]
    assert not too_wide, f"{lang}/{key}.md has fenced lines over 80 columns: {too_wide[:2]}"
