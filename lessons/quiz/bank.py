"""Quiz banks: `lessons/quizzes/NN-slug.toml`, read from package data and validated.

Every problem is reported as a `BankError` naming the file and the question id, so a
content writer sees at once what to fix.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from dltutor.lessons.quiz.kinds import KINDS, EntryError, Kind
from dltutor.lessons.quiz.model import Question, Wording

LANGUAGES = ("en", "ja")
BANK_NAME = re.compile(r"^(\d{2})-[a-z0-9-]+\.toml$")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SECTION_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MIN_CHOICES = 2


class BankError(Exception):
    """A quiz bank that cannot be used; the message names the file and the question."""


def _where(filename: str, qid: str | None) -> str:
    return f"{filename}: question {qid!r}" if qid else filename


def _wording(entry: dict[str, Any], lang: str, kind: Kind, where: str) -> Wording:
    words = entry.get(lang)
    if not isinstance(words, dict):
        raise BankError(f"{where}: missing the {lang!r} table (prompt, choices, explanation)")
    for key in ("prompt", "explanation"):
        if not isinstance(words.get(key), str) or not words[key].strip():
            raise BankError(f"{where}: {lang}.{key} is missing or empty")
    choices = words.get("choices", [])
    if not isinstance(choices, list) or not all(isinstance(c, str) and c.strip() for c in choices):
        raise BankError(f"{where}: {lang}.choices must be a list of non-empty strings")
    if kind.has_choices and len(choices) < MIN_CHOICES:
        raise BankError(
            f"{where}: a {kind.name} question needs at least {MIN_CHOICES} choices in {lang}"
        )
    if not kind.has_choices and choices:
        raise BankError(f"{where}: a {kind.name} question takes no choices ({lang}.choices is set)")
    unknown = set(words) - {"prompt", "choices", "explanation"}
    if unknown:
        raise BankError(f"{where}: unknown key(s) in {lang}: {', '.join(sorted(unknown))}")
    return Wording.set(lang, words["prompt"], words["explanation"], choices)


def parse_bank(text: str, filename: str) -> tuple[str, tuple[Question, ...]]:
    """Parse and validate one bank; returns (lesson id, questions in file order)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BankError(f"{filename}: not valid TOML ({error})") from None
    lesson = data.get("lesson")
    if not isinstance(lesson, str) or not re.fullmatch(r"\d{2}", lesson):
        raise BankError(
            f'{filename}: `lesson` must be a two-digit string such as "07", got {lesson!r}'
        )
    named = BANK_NAME.match(filename)
    if named and named.group(1) != lesson:
        raise BankError(
            f"{filename}: file name says lesson {named.group(1)} but `lesson = {lesson!r}`"
        )
    entries = data.get("question", [])
    if not isinstance(entries, list) or not entries:
        raise BankError(f"{filename}: no [[question]] entries")
    seen: set[str] = set()
    questions = []
    for number, entry in enumerate(entries, 1):
        qid = entry.get("id")
        if not isinstance(qid, str) or not ID_PATTERN.match(qid):
            raise BankError(
                f"{filename}: question #{number} has no valid id "
                f"(lowercase, digits, dashes), got {qid!r}"
            )
        where = _where(filename, qid)
        if not qid.startswith(f"{lesson}-"):
            raise BankError(f"{where}: the id must start with the lesson id, '{lesson}-'")
        if qid in seen:
            raise BankError(f"{where}: duplicate id")
        seen.add(qid)
        kind = KINDS.get(entry.get("type"))  # type: ignore[arg-type]
        if kind is None:
            raise BankError(
                f"{where}: type must be one of {', '.join(KINDS)}, got {entry.get('type')!r}"
            )
        section = entry.get("section")
        if not isinstance(section, str) or not SECTION_PATTERN.match(section):
            raise BankError(
                f"{where}: section must be a section slug of the lesson, got {section!r}"
            )
        if "answer" not in entry:
            raise BankError(f"{where}: no answer")
        unknown = set(entry) - {"id", "type", "section", "answer", *LANGUAGES}
        for key in sorted(unknown - kind.extra_keys):
            owner = next((k.name for k in KINDS.values() if key in k.extra_keys), None)
            if owner:
                raise BankError(f"{where}: {key} is only for {owner} questions")
        if unknown - kind.extra_keys:
            raise BankError(f"{where}: unknown key(s): {', '.join(sorted(unknown))}")
        wordings = {lang: _wording(entry, lang, kind, where) for lang in LANGUAGES}
        n = len(wordings["en"].choices)
        if len(wordings["ja"].choices) != n:
            raise BankError(f"{where}: en has {n} choices but ja has {len(wordings['ja'].choices)}")
        try:
            fields = kind.validate(entry, n)
        except EntryError as error:
            raise BankError(f"{where}: {error}") from None
        questions.append(
            Question(
                id=qid,
                lesson=lesson,
                type=kind.name,
                section=section,
                text=wordings,
                source=filename,
                **fields,
            )
        )
    return lesson, tuple(questions)


def _bank_files(folder: Traversable | Path) -> Iterable[Traversable | Path]:
    return sorted((e for e in folder.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name)


def read_banks(folder: Traversable | Path) -> dict[str, tuple[Question, ...]]:
    """Read every `*.toml` bank in `folder`; keyed by lesson id, in lesson order."""
    banks: dict[str, tuple[Question, ...]] = {}
    owner: dict[str, str] = {}
    files: dict[str, str] = {}
    for entry in _bank_files(folder):
        lesson, questions = parse_bank(entry.read_text("utf-8"), entry.name)
        if lesson in banks:
            raise BankError(f"{entry.name}: lesson {lesson} already has a bank, {files[lesson]}")
        for q in questions:
            if q.id in owner:
                raise BankError(f"{entry.name}: question {q.id!r}: id also used in {owner[q.id]}")
            owner[q.id] = entry.name
        banks[lesson] = questions
        files[lesson] = entry.name
    return dict(sorted(banks.items()))


@cache
def load_banks() -> dict[str, tuple[Question, ...]]:
    """All shipped banks, read once from package data (`dltutor.lessons/quizzes`)."""
    return read_banks(resources.files("dltutor.lessons") / "quizzes")


def lesson_id(ref: str, known: Iterable[str] = ()) -> str | None:
    """Normalise a lesson reference ("7", "07", "07-overfitting") to its two-digit id."""
    ref = ref.strip().lower()
    head = ref.partition("-")[0]
    if head.isdigit():
        return f"{int(head):02d}"
    for key in known:  # a slug: "overfitting"
        if key.partition("-")[2] == ref:
            return key.partition("-")[0]
    return None


def questions_for(
    lesson_key: str, banks: dict[str, tuple[Question, ...]] | None = None
) -> tuple[Question, ...]:
    """The bank questions of one lesson ("07", "7" or "07-slug"); empty when it has none."""
    banks = load_banks() if banks is None else banks
    found = lesson_id(lesson_key)
    return banks.get(found, ()) if found else ()


def find_question(
    qid: str, banks: dict[str, tuple[Question, ...]] | None = None
) -> Question | None:
    """A bank question by its stable id."""
    banks = load_banks() if banks is None else banks
    return next((q for qs in banks.values() for q in qs if q.id == qid), None)
