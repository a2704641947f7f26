"""Content lint: every lesson and quiz bank is well formed and the two languages agree."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from dltutor.lessons.catalog import LANGUAGES, lessons, prose
from dltutor.lessons.quiz.bank import load_banks

LAB_ID = re.compile(r"^\d\d-[a-z0-9]+(-[a-z0-9]+)*$")
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
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


ARROW = re.compile(r"#\s*->\s*(.*?)\s*$")


class PrintedLines:
    """A `print` for lesson blocks that records what each line of the block printed."""

    def __init__(self, filename: str) -> None:
        self.filename, self.by_line = filename, {}

    def __call__(self, *args, sep=" ", end="\n", file=None, flush=False) -> None:
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename != self.filename:
            frame = frame.f_back
        line = frame.f_lineno if frame is not None else 0
        self.by_line[line] = self.by_line.get(line, "") + sep.join(map(str, args)) + end


def says(comment: str, printed: str) -> bool:
    """Whether a `# -> value` comment states what the line printed: the whole output or its
    first line, whitespace aside, optionally followed by a remark in brackets."""
    expected = " ".join(comment.split())
    for output in (printed, printed.split("\n", 1)[0]):
        got = " ".join(output.split())
        if expected == got or expected.startswith((got + " (", got + "（")):
            return True
    return False


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", sorted(EN))
def test_python_blocks_run(key: str, lang: str) -> None:
    """Every block runs, and a `# -> value` comment on a print line states what it printed."""
    lesson = (EN if lang == "en" else JA)[key]
    namespace: dict = {"__name__": f"lesson_{key.replace('-', '_')}"}
    for number, block in enumerate(PYTHON_BLOCK.findall(lesson.body), start=1):
        filename = f"{lang}/{key}.md block {number}"
        namespace["print"] = printed = PrintedLines(filename)
        try:
            exec(compile(block, filename, "exec"), namespace)
        except Exception as error:  # noqa: BLE001 - report which block failed and why
            pytest.fail(f"{lang}/{key}.md python block {number} failed: {error!r}")
        for line_no, line in enumerate(block.splitlines(), start=1):
            code, _, _ = line.partition("#")
            comment = ARROW.search(line)
            if comment and "print(" in code:
                got = printed.by_line.get(line_no, "")
                assert says(comment.group(1), got), (
                    f"{filename}, line {line_no}: says {comment.group(1)!r}, printed {got!r}"
                )


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


def test_every_lab_a_lesson_names_exists() -> None:
    from dltutor.lessons.labs import all_labs

    known = {lab.id for lab in all_labs()}
    named = {lab for lesson in EN.values() for lab in lesson.labs}
    assert named <= known, f"lessons name labs that do not exist: {sorted(named - known)}"


LAB_KNOB = re.compile(r"dltutor lab (\d\d-[a-z0-9-]+) --set ([a-z_]+)=")


def test_every_knob_a_lesson_names_belongs_to_its_lab() -> None:
    from dltutor.engine.labs import all_labs

    knobs = {lab.id: {knob.name for knob in lab.knobs} for lab in all_labs()}
    named = [
        (f"{lang}/{key}", lab, knob)
        for lang, by_key in (("en", EN), ("ja", JA))
        for key, lesson in by_key.items()
        for lab, knob in LAB_KNOB.findall(lesson.body)
    ]
    wrong = [entry for entry in named if entry[2] not in knobs.get(entry[1], set())]
    assert not wrong, f"lessons name knobs their lab does not have: {wrong}"
