"""What the course map shows, from the catalog and the progress store (no widgets)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dltutor.lessons.progress.store import ProgressStore


@dataclass(frozen=True)
class LessonState:
    """One line of the course map."""

    key: str
    id: str
    title: str
    minutes: int
    read: str  # "", "opened" or "finished"
    mastery: float | None
    due: int


def course_map(store: ProgressStore | None, lang: str) -> list[LessonState]:
    """Every lesson with its reading state, mastery of its quiz bank and due reviews."""
    from dltutor.lessons.catalog import lessons

    found = lessons(lang)
    rows: dict[str, dict] = {}
    if store is not None:
        from dltutor.lessons.progress.report import lesson_rows
        from dltutor.lessons.quiz import load_banks

        try:
            banks = load_banks()
        except Exception:  # a broken bank must not hide the course map
            banks = {}
        rows = {r["lesson"]: r for r in lesson_rows(store, banks, {x.id: x.title for x in found})}
    return [
        LessonState(
            key=x.key,
            id=x.id,
            title=x.title,
            minutes=x.minutes,
            read=rows.get(x.id, {}).get("read", ""),
            mastery=rows.get(x.id, {}).get("mastery") if rows.get(x.id, {}).get("seen") else None,
            due=int(rows.get(x.id, {}).get("due") or 0),
        )
        for x in found
    ]


def continue_key(store: ProgressStore | None, lang: str) -> str | None:
    """The lesson to continue: the last one opened and not finished, else the first unread."""
    from dltutor.lessons.catalog import lessons

    found = lessons(lang)
    if not found:
        return None
    if store is None:
        return found[0].key
    seen = store.lessons()
    open_ones = [
        (row.get("updated_at") or "", x.key)
        for x in found
        if (row := seen.get(x.id)) and row.get("opened_at") and not row.get("finished_at")
    ]
    if open_ones:
        return max(open_ones)[1]
    for x in found:
        if not (seen.get(x.id) or {}).get("finished_at"):
            return x.key
    return found[0].key


def mark(state: LessonState) -> str:
    """A reading mark that reads the same without colour."""
    return {"finished": "✓", "opened": "…"}.get(state.read, " ")


def mastery_bar(value: float | None, width: int = 5) -> str:
    """`▰▰▱▱▱ 40%` (or blanks when there is no bank yet)."""
    if value is None:
        return " " * (width + 5)
    filled = round(value * width)
    return "▰" * filled + "▱" * (width - filled) + f" {value:>3.0%}"
