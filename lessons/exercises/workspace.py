"""The learner's exercise folder: plain .py files they own, one per exercise.

The default folder is `exercises/` under the user data dir (`$DLTUTOR_HOME` when set). A file
is written from the template only when it is missing; a changed file is never overwritten.
`reset` keeps the old file as `NAME.py.bak-YYYYmmdd-HHMMSS` before writing the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from dltutor.lessons.exercises import all_exercises
from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import LANGS

Status = Literal["new", "started", "failed", "passed"]
Action = Literal["created", "kept", "unchanged", "reset"]


def default_dir() -> Path:
    from dltutor.lessons.progress.store import data_dir

    return data_dir() / "exercises"


class WorkspaceError(Exception):
    """The folder cannot be used; the message says what to do."""


@dataclass(frozen=True)
class Started:
    path: Path
    action: Action
    backup: Path | None = None


class Workspace:
    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_dir()

    def path(self, exercise: Exercise) -> Path:
        return self.root / exercise.filename

    def is_changed(self, exercise: Exercise) -> bool:
        """True when the file differs from the template in every language."""
        path = self.path(exercise)
        if not path.exists():
            return False
        text = path.read_text(encoding="utf-8", errors="replace")
        return all(text != exercise.template(lang) for lang in LANGS)

    def start(self, exercise: Exercise, lang: str, reset: bool = False) -> Started:
        """Write the template unless the learner's file is already there (see the module)."""
        path = self.path(exercise)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            had = path.exists()
            if had and not reset:
                return Started(path, "kept" if self.is_changed(exercise) else "unchanged")
            backup = None
            if had and self.is_changed(exercise):
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                backup = path.with_name(f"{path.name}.bak-{stamp}")
                n = 1
                while backup.exists():
                    backup = path.with_name(f"{path.name}.bak-{stamp}-{n}")
                    n += 1
                path.replace(backup)
            path.write_text(exercise.template(lang), encoding="utf-8")
        except OSError as error:
            raise WorkspaceError(
                f"cannot write {path} ({error.strerror or error}); "
                "choose a writable folder with --dir"
            ) from None
        return Started(path, "reset" if had else "created", backup)

    def exercise_for(self, path: Path) -> Exercise | None:
        """The exercise a file in this folder belongs to."""
        if Path(path).parent.resolve() != self.root.resolve():
            return None
        return next((e for e in all_exercises() if e.filename == Path(path).name), None)

    def status(self, exercise: Exercise, stats: dict[str, dict[str, Any]]) -> Status:
        """passed (ever), failed (checked, never passed), started (file there), or new."""
        mine = stats.get(exercise.id, {})
        if mine.get("passes"):
            return "passed"
        if mine.get("attempts"):
            return "failed"
        return "started" if self.path(exercise).exists() else "new"

    def next_exercise(self, stats: dict[str, dict[str, Any]]) -> Exercise | None:
        """The first exercise, in course order, not yet passed."""
        return next((e for e in all_exercises() if self.status(e, stats) != "passed"), None)
