"""The lessons and the labs agree: every lab a lesson names exists, and every knob a lesson
tells the learner to set (`--set NAME=VALUE` beside the lab's id) is one of that lab's knobs,
with a value it accepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import dltutor.lessons
from dltutor.lessons.catalog import lessons
from dltutor.lessons.labs import KnobError, get_lab, lab_ids

LESSONS = Path(dltutor.lessons.__file__).parent
LAB_ID = re.compile(r"\b\d\d-[a-z0-9]+(?:-[a-z0-9]+)*\b")
AFTER_LAB_WORD = re.compile(r"(?:\blab|ラボ)[\s`「（(]*(\d\d-[a-z0-9]+(?:-[a-z0-9]+)*)", re.I)
SETTING = re.compile(r"--set[\s=]+([A-Za-z_][A-Za-z0-9_-]*)=([^\s`'\")）]*)")
PLACEHOLDER = re.compile(r"^(VALUE|[A-Z_]+|<.*>|)$")


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def named_labs(paragraph: str, known: set[str]) -> set[str]:
    """The lab ids a paragraph names: known ids anywhere, and any id after "lab"/「ラボ」."""
    return {m for m in LAB_ID.findall(paragraph) if m in known} | set(
        AFTER_LAB_WORD.findall(paragraph)
    )


def problems(text: str, known: set[str]) -> list[str]:
    """What is wrong with the lab ids and knob settings in one lesson's text."""
    found = []
    for paragraph in paragraphs(text):
        labs = named_labs(paragraph, known)
        found += [f"lab {lab} does not exist" for lab in sorted(labs - known)]
        for name, value in SETTING.findall(paragraph):
            owners = [get_lab(lab) for lab in sorted(labs & known)]
            if not owners:
                found.append(f"--set {name}= names no lab in its paragraph")
                continue
            fits = [lab for lab in owners if lab.knob(name) is not None]
            if not fits:
                ids = ", ".join(lab.id for lab in owners)
                found.append(f"--set {name}= is not a knob of {ids}")
                continue
            value = value.rstrip(".,;:。、")
            if PLACEHOLDER.match(value):
                continue
            try:
                fits[0].resolve({name: value})
            except KnobError as error:
                found.append(f"--set {name}={value}: {error}")
    return found


def lesson_files() -> list[Path]:
    return sorted(p for lang in ("en", "ja") for p in (LESSONS / lang).glob("*.md"))


@pytest.mark.parametrize("path", lesson_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lesson_text_names_real_labs_and_their_knobs(path: Path) -> None:
    assert not problems(path.read_text("utf-8"), set(lab_ids()))


def test_every_lab_in_the_front_matter_exists() -> None:
    known = set(lab_ids())
    for lang in ("en", "ja"):
        for lesson in lessons(lang):
            missing = set(lesson.labs) - known
            assert not missing, f"{lang}/{lesson.key} names labs that do not exist: {missing}"


def test_the_check_catches_wrong_labs_knobs_and_values() -> None:
    known = set(lab_ids())
    good = "Run `dltutor lab 05-optimizer-paths --set optimizer=sgd --set steps=40`, or steps=4."
    assert problems(good, known) == []
    good = "Try lab 05-optimizer-paths with --set lr=0.5."
    assert problems(good, known) == []
    assert problems("ラボ 05-optimizer-paths で --set steps=NUMBER を試します。", known) == []
    assert problems("Try lab 05-optimizer-path now.", known) == [
        "lab 05-optimizer-path does not exist"
    ]
    assert problems("`dltutor lab 05-optimizer-paths --set epochs=5`", known) == [
        "--set epochs= is not a knob of 05-optimizer-paths"
    ]
    wrong_value = problems("lab 05-optimizer-paths --set optimizer=lbfgs", known)
    assert len(wrong_value) == 1 and "one of" in wrong_value[0]
    assert problems("Set it with --set lr=0.1.\n\nLater: lab 05-optimizer-paths.", known) == [
        "--set lr= names no lab in its paragraph"
    ]
    # a lesson's own key has the same shape as a lab id and is not taken for one
    assert problems("See 05-optimizers for the maths.", known) == []
