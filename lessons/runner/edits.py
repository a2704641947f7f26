"""The learner's edited copies of lesson blocks: plain .py files under the data folder,
one per lesson, language and block, that replace the lesson's code until reset."""

from __future__ import annotations

from pathlib import Path

from dltutor.lessons.progress.store import data_dir


def edit_path(lesson_id: str, lang: str, index: int) -> Path:
    return data_dir() / "edits" / lang / f"{lesson_id}-block-{index:02d}.py"


def edited(lesson_id: str, lang: str, index: int) -> str | None:
    """The edited copy of a block, or None when the learner has not edited it."""
    path = edit_path(lesson_id, lang, index)
    try:
        return path.read_text("utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def prepare(lesson_id: str, lang: str, index: int, code: str) -> Path:
    """The file to open in an editor: the edited copy, made from the lesson's code if new."""
    path = edit_path(lesson_id, lang, index)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code.rstrip("\n") + "\n", "utf-8")
    return path


def reset(lesson_id: str, lang: str, index: int) -> bool:
    """Go back to the lesson's code; True when there was an edited copy."""
    path = edit_path(lesson_id, lang, index)
    if path.exists():
        path.unlink()
        return True
    return False
