"""Check a learner's file: run the exercise's check in the sandbox, put the result in words.

`check_file` waits for the result; `CheckJob` lets a caller (the app) stop a running check.
The report lists every step; a failed one says shape and dtype first, then the small input
that showed it, expected against got, and the mistake it looks like or the hint that fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.exercises.texts import TEXTS
from dltutor.lessons.sandbox import Limits, SandboxResult, SandboxRun

CHILD_TARGET = "dltutor.lessons.exercises.child:run"


@dataclass(frozen=True)
class CheckItem:
    name: str
    passed: bool
    message: str = ""
    mistake: str | None = None


@dataclass
class CheckReport:
    exercise: str
    passed: bool
    items: list[CheckItem] = field(default_factory=list)
    output: str = ""
    elapsed: float = 0.0

    @property
    def failed(self) -> list[CheckItem]:
        return [i for i in self.items if not i.passed]

    @property
    def mistakes(self) -> list[str]:
        return [i.mistake for i in self.items if i.mistake]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.exercise,
            "passed": self.passed,
            "checks": [
                {"name": i.name, "passed": i.passed, "message": i.message} for i in self.items
            ],
        }

    def summary(self, lang: str) -> str:
        n, failed = len(self.items), len(self.failed)
        if not failed:
            return TEXTS.get(lang, "all_passed", n=n)
        return TEXTS.get(lang, "some_failed", failed=failed, n=n)


def step_name(lang: str, name: str) -> str:
    """A step's name with its `[[key]]` phrases in `lang`."""
    return re.sub(r"\[\[([a-z0-9-]+)\]\]", lambda m: TEXTS.get(lang, f"phrase.{m[1]}"), name)


def _mistake_text(exercise: Exercise, lang: str, mistake: str) -> str:
    key = f"mistake.{mistake}"
    return exercise.text(lang, key) if key in exercise.words else TEXTS.get(lang, key)


def describe(exercise: Exercise, lang: str, result: dict[str, Any], hints_shown: int = 1) -> str:
    """One failed step in words: shape and dtype, input, expected vs got, then the mistake it
    looks like or the hint that fits (its text when the learner has reached that level, else
    a pointer to `dltutor exercise hint`, so a failure never gives away a later hint)."""
    kind = result.get("kind")
    lines: list[str] = []
    if kind == "shape":
        lines.append(
            TEXTS.get(
                lang,
                "shape",
                expected=tuple(result["expected_shape"]),
                got=tuple(result["got_shape"]),
            )
        )
    if kind == "dtype":
        lines.append(
            TEXTS.get(lang, "dtype", expected=result["expected_dtype"], got=result["got_dtype"])
        )
    for name, value in (result.get("inputs") or {}).items():
        lines.append(TEXTS.get(lang, "input", name=name, value=value))
    if kind == "values" and not result["index"]:
        lines.append(TEXTS.get(lang, "scalar", expected=result["expected"], got=result["got"]))
    elif kind == "values":
        lines.append(
            TEXTS.get(
                lang,
                "at_index",
                index=tuple(result["index"]),
                expected=result["expected"],
                got=result["got"],
                diff=result["max_diff"],
            )
        )
    if kind == "property":
        lines.append(
            TEXTS.get(
                lang, "property", got=result.get("got", "?"), expected=result.get("expected", "?")
            )
        )
    elif kind == "type":
        lines.append(TEXTS.get(lang, "type", got=result.get("got", "?")))
    elif kind in ("shape", "dtype") and "got" in result:
        lines.append(TEXTS.get(lang, "got", got=result["got"]))
    elif kind == "error":
        lines.append(result.get("traceback", ""))
    mistake = result.get("mistake")
    if mistake:
        lines.append(TEXTS.get(lang, "mistake", message=_mistake_text(exercise, lang, mistake)))
    elif result.get("hint"):
        hints = exercise.hints(lang)
        level = min(int(result["hint"]), len(hints))
        if 0 < level <= max(1, hints_shown):
            lines.append(TEXTS.get(lang, "hint", message=hints[level - 1]))
        elif level > 0:
            lines.append(TEXTS.get(lang, "hint_later", id=exercise.id, n=level))
    return "\n".join(lines)


def report_from(
    exercise: Exercise, lang: str, result: SandboxResult, hints_shown: int = 1
) -> CheckReport:
    """The sandbox's result as a report in `lang`."""

    def problem(name: str, message: str) -> CheckReport:
        item = CheckItem(name, False, message)
        return CheckReport(exercise.id, False, [item], result.output, result.elapsed)

    limits = result.limits
    if result.status == "timeout":
        return problem("time", TEXTS.get(lang, "timeout", seconds=limits.seconds))
    if result.status == "memory":
        return problem("memory", TEXTS.get(lang, "memory", mb=limits.memory_mb))
    if result.status == "stopped":
        return problem("stopped", TEXTS.get(lang, "stopped"))
    if result.status == "crashed":
        return problem("crashed", TEXTS.get(lang, "crashed", error=result.error))
    if result.status == "error":
        return problem("internal", TEXTS.get(lang, "internal", error=result.error))
    value = result.value or {}
    if "load_error" in value:
        return problem("load", TEXTS.get(lang, "load_error") + "\n" + value["load_error"])
    if "missing" in value:
        return problem("names", TEXTS.get(lang, "missing", names=", ".join(value["missing"])))
    items, tracebacks = [], set()
    for r in value.get("checks", []):
        if r.get("kind") == "error":  # one traceback is enough: later ones only point to it
            shown = r.get("traceback", "")
            if shown in tracebacks:
                r = r | {"traceback": TEXTS.get(lang, "same_error")}
            tracebacks.add(shown)
        items.append(
            CheckItem(
                step_name(lang, r["name"]),
                bool(r["passed"]),
                "" if r["passed"] else describe(exercise, lang, r, hints_shown),
                None if r["passed"] else r.get("mistake"),
            )
        )
    passed = bool(items) and all(i.passed for i in items)
    return CheckReport(exercise.id, passed, items, result.output, result.elapsed)


def payload_for(exercise: Exercise, path: Path, seed: int = 0) -> dict[str, Any]:
    """What the child needs to check `path` (see `child.run`)."""
    file = str(Path(path).resolve())
    return {
        "file": file,
        "files": [file],
        "check": exercise.check_module,
        "implements": list(exercise.implements),
        "seed": seed,
    }


class CheckJob:
    """One check in the sandbox; `stop()` from another thread ends it."""

    def __init__(
        self, exercise: Exercise, path: Path, limits: Limits | None = None, seed: int = 0
    ) -> None:
        self.exercise = exercise
        self._run = SandboxRun(
            CHILD_TARGET,
            payload_for(exercise, path, seed),
            limits or Limits(seconds=exercise.seconds),
        )

    def stop(self) -> None:
        self._run.stop()

    def wait(self, lang: str, hints_shown: int = 1) -> CheckReport:
        return report_from(self.exercise, lang, self._run.wait(), hints_shown)


def check_file(
    exercise: Exercise,
    path: Path,
    lang: str = "en",
    limits: Limits | None = None,
    seed: int = 0,
    hints_shown: int = 1,
) -> CheckReport:
    """Run the check on the learner's file and wait for the report."""
    return CheckJob(exercise, path, limits, seed).wait(lang, hints_shown)
