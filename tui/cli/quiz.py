"""`dltutor quiz`, `dltutor review` and `dltutor progress`.

A terminal gets rich prompts (type the letter, Enter; Ctrl-D or Ctrl-C ends early with a
summary). A non-interactive stdin is read one answer per line (choice letter or number,
comma lists for multi/order, numbers), so a quiz can be scripted; EOF ends it early.
With --json the result is one JSON object on stdout and nothing else is printed there.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dltutor.lessons.words import Words
from dltutor.tui.cli.common import Json, Lang, emit_json, fail, resolve_lang

if TYPE_CHECKING:
    from rich.console import Console

    from dltutor.lessons.progress.store import ProgressStore
    from dltutor.lessons.quiz.session import Feedback, QuizSession

app = typer.Typer(add_completion=False)

WORDS = Words(
    "cli-quiz",
    {
        "en": {
            "question": "Question {i}/{n}",
            "lesson": "lesson {lesson} · {section}",
            "generated": "fresh numbers",
            "your_answer": "Your answer",
            "end_keys": "Ctrl-D ends the quiz early.",
            "score": "Score: {c}/{a} ({p:.0%})",
            "stopped": "Stopped early after {a} of {n} questions.",
            "reread": "Worth re-reading:",
            "nothing_due": "Nothing is due for review.",
            "next_due": "Next review: {when}.",
            "no_answers": "No answers yet: try `dltutor quiz`.",
            "streak": "Streak: {d} day(s) · {a} answers · {due} due for review",
        },
        "ja": {
            "question": "問題 {i}/{n}",
            "lesson": "レッスン {lesson} · {section}",
            "generated": "数値は毎回変わります",
            "your_answer": "答え",
            "end_keys": "Ctrl-D で途中終了できます。",
            "score": "結果：{a} 問中 {c} 問正解（{p:.0%}）",
            "stopped": "{n} 問中 {a} 問で終了しました。",
            "reread": "復習するとよいところ：",
            "nothing_due": "復習する問題はありません。",
            "next_due": "次の復習：{when}",
            "no_answers": "まだ解答がありません。`dltutor quiz` から始めましょう。",
            "streak": "連続学習：{d} 日 · 解答 {a} 件 · 復習待ち {due} 件",
        },
    },
)


def open_store() -> ProgressStore:
    """The progress store, its warnings shown on stderr; exit 1 when it cannot be used."""
    from dltutor.lessons.progress.store import ProgressError, ProgressStore

    try:
        store = ProgressStore.open()
    except ProgressError as error:
        fail(str(error), code=1)
    for warning in store.warnings:
        typer.secho(f"Warning: {warning}", fg=typer.colors.YELLOW, err=True)
    return store


def _show_question(console: Console, session: QuizSession, lang: str) -> None:
    from rich.markup import escape

    shown = session.current
    q = shown.question
    head = WORDS.get(lang, "question", i=session.index + 1, n=session.total)
    where = WORDS.get(lang, "lesson", lesson=q.lesson, section=q.section)
    extra = f" · {WORDS.get(lang, 'generated')}" if q.generated else ""
    console.print()
    console.print(f"[bold]{head}[/bold]  [dim]{escape(where)}{extra}[/dim]")
    console.print(escape(shown.prompt))
    for letter, text in shown.choices:
        console.print(f"  [bold cyan]{letter})[/bold cyan] {escape(text)}")
    console.print(f"[dim]{escape(shown.hint)}[/dim]")


def _show_feedback(console: Console, feedback: Feedback, lang: str) -> None:
    from rich.markup import escape

    from dltutor.lessons.quiz.strings import WORDS as QUIZ_WORDS

    style = "bold green" if feedback.correct else "bold red"
    console.print(f"[{style}]{escape(feedback.headline)}[/{style}]")
    if not feedback.correct:
        console.print(escape(QUIZ_WORDS.get(lang, "answer_is", answer=feedback.answer)))
    for line in feedback.details:
        console.print(f"  {escape(line)}")
    console.print(escape(feedback.explanation))
    console.print(f"[dim]{escape(feedback.section.describe(lang))}[/dim]")


def _run(session: QuizSession, *, lang: str, as_json: bool) -> bool:
    """Ask every question; returns False when input ended early."""
    from rich.console import Console

    interactive = sys.stdin.isatty()
    if not interactive and hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")  # bytes that are not text: a wrong answer
    quiet = as_json and not interactive
    console = Console(stderr=as_json, quiet=quiet, highlight=False)
    if interactive and session.total:
        console.print(f"[dim]{WORDS.get(lang, 'end_keys')}[/dim]")
    read_answer = _ask if interactive else _read_scripted
    while session.next() is not None:
        _show_question(console, session, lang)
        feedback = read_answer(console, session, lang)
        if feedback is None:
            return False
        _show_feedback(console, feedback, lang)
    return True


def _ask(console: Console, session: QuizSession, lang: str) -> Feedback | None:
    """Prompt until the answer can be read; None on Ctrl-D or Ctrl-C."""
    from rich.markup import escape
    from rich.prompt import Prompt

    from dltutor.lessons.quiz.presentation import AnswerError

    while True:
        try:
            raw = Prompt.ask(f"[bold]{WORDS.get(lang, 'your_answer')}[/bold]", console=console)
        except (EOFError, KeyboardInterrupt):
            console.print()
            return None
        try:
            return session.answer(raw)
        except AnswerError as error:
            console.print(f"[yellow]{escape(str(error))}[/yellow]")


def _read_scripted(console: Console, session: QuizSession, lang: str) -> Feedback | None:
    """One line of stdin, untimed; unreadable input is graded wrong. None at EOF."""
    from rich.markup import escape

    from dltutor.lessons.quiz.presentation import AnswerError

    line = sys.stdin.readline()
    if not line:
        return None
    raw = line.rstrip("\r\n")
    console.print(f"{WORDS.get(lang, 'your_answer')}: {escape(raw)}")
    try:
        return session.answer(raw, timed=False)
    except AnswerError as error:
        console.print(f"[yellow]{escape(str(error))}[/yellow]")
        return session.skip(raw)


def _finish(session: QuizSession, *, completed: bool, lang: str, as_json: bool) -> None:
    """The score, and the sections worth re-reading (or the JSON summary)."""
    summary = session.summary()
    if as_json:
        emit_json(summary.to_json())
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    console.print()
    if not completed:
        console.print(WORDS.get(lang, "stopped", a=summary.asked, n=session.total))
    score = WORDS.get(lang, "score", c=summary.correct, a=summary.asked, p=summary.score)
    console.print(f"[bold]{score}[/bold]")
    missed = []
    for fb in session.results:
        if not fb.correct:
            where = fb.section
            text = f"{where.lesson} · {where.title or where.slug} — dltutor read {where.lesson}"
            if text not in missed:
                missed.append(text)
    if missed:
        console.print(WORDS.get(lang, "reread"))
        for text in missed:
            console.print(f"  • {escape(text)}")


@app.command("quiz")
def quiz(
    lesson: Annotated[
        str | None,
        typer.Option(
            "--lesson", "-l", help="Lesson id (07), key or slug; all lessons when left out."
        ),
    ] = None,
    n: Annotated[int, typer.Option("-n", "--questions", min=1, help="How many questions.")] = 10,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed", help="Fix the questions, their order, the shuffles and the numbers."
        ),
    ] = None,
    generated: Annotated[
        bool,
        typer.Option("--generated/--no-generated", help="Mix in questions with fresh numbers."),
    ] = True,
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Take a quiz: explanations after each answer, progress saved for review."""
    from dltutor.lessons.quiz.bank import BankError, load_banks
    from dltutor.lessons.quiz.session import QuizError, build_quiz, resolve_lesson

    language = resolve_lang(lang)
    try:
        banks = load_banks()
        if lesson is not None:
            lesson = resolve_lesson(lesson, banks)
    except BankError as error:
        fail(f"a quiz bank is broken: {error}", code=1)
    except QuizError as error:
        fail(str(error), code=2)
    store = open_store()
    with store:
        try:
            session = build_quiz(
                lesson, n=n, seed=seed, generated=generated, lang=language, store=store, banks=banks
            )
        except QuizError as error:
            fail(str(error), code=1)
        completed = _run(session, lang=language, as_json=as_json)
        _finish(session, completed=completed, lang=language, as_json=as_json)


@app.command("review")
def review(
    n: Annotated[
        int | None, typer.Option("-n", "--questions", min=1, help="At most this many cards.")
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Fix the shuffles of the choices.")
    ] = None,
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Review the questions that spaced repetition says are due."""
    from dltutor.lessons.quiz.bank import BankError
    from dltutor.lessons.quiz.session import build_review

    language = resolve_lang(lang)
    store = open_store()
    with store:
        try:
            session = build_review(store, n=n, lang=language, seed=seed)
        except BankError as error:
            fail(f"a quiz bank is broken: {error}", code=1)
        if not session.total and not as_json:
            typer.echo(WORDS.get(language, "nothing_due"))
            upcoming = sorted(r["due"] for r in store.reviews())
            if upcoming:
                from datetime import datetime

                when = datetime.fromisoformat(upcoming[0]).astimezone().strftime("%Y-%m-%d %H:%M")
                typer.echo(WORDS.get(language, "next_due", when=when))
            return
        completed = _run(session, lang=language, as_json=as_json)
        _finish(session, completed=completed, lang=language, as_json=as_json)


def _pct(x: float | None) -> str:
    """A share as a whole percentage, or a dash when there is nothing to measure."""
    return "–" if x is None else f"{x:.0%}"


def _import_progress(store: ProgressStore, path: Path) -> str:
    """Merge a JSON export into the store; exit 1 when it cannot be read or used."""
    from dltutor.lessons.progress.store import ProgressError
    from dltutor.lessons.progress.sync import merge_progress

    try:
        exported = json.loads(path.read_text("utf-8"))
    except OSError as error:
        fail(f"cannot read {path} ({error.strerror or error})", code=1)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        fail(f"{path} is not a JSON export ({error})", code=1)
    try:
        counts = merge_progress(store, exported)
    except ProgressError as error:
        fail(f"{path}: {error}", code=1)
    return f"Imported from {path}: " + ", ".join(f"{v} {k}" for k, v in counts.items())


def _export_progress(store: ProgressStore, path: Path) -> str:
    """Write everything (.json) or the answers (.csv) to `path`; exit 1 when it cannot."""
    from dltutor.lessons.progress.report import answers_csv
    from dltutor.lessons.progress.sync import export_progress

    text = (
        json.dumps(export_progress(store), ensure_ascii=False, indent=2) + "\n"
        if path.suffix.lower() == ".json"
        else answers_csv(store)
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    except OSError as error:
        fail(f"cannot write {path} ({error.strerror or error})", code=1)
    return f"Exported to {path}"


def _lesson_titles(lang: str) -> dict[str, str]:
    """Lesson id -> title; empty when the lessons cannot be read (progress still shows)."""
    try:
        from dltutor.lessons.catalog import lessons

        return {x.id: x.title for x in lessons(lang)}
    except Exception:  # noqa: BLE001 - a broken lesson file must not hide the progress
        return {}


def _exercise_ids() -> dict[str, list[str]]:
    """Lesson id -> its exercise ids, for the exercises column."""
    from dltutor.lessons.exercises import all_exercises

    ids: dict[str, list[str]] = {}
    for exercise in all_exercises():
        ids.setdefault(exercise.lesson, []).append(exercise.id)
    return ids


@app.command("progress")
def progress(
    export: Annotated[
        Path | None,
        typer.Option(
            "--export", help="Write progress to PATH: .json (everything) or .csv (answers)."
        ),
    ] = None,
    import_: Annotated[
        Path | None,
        typer.Option("--import", help="Merge a JSON export into this machine's progress."),
    ] = None,
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Show progress per lesson: read, questions seen, accuracy, mastery, due; and the streak."""
    from dltutor.lessons.progress.report import report
    from dltutor.lessons.quiz.bank import BankError, load_banks

    language = resolve_lang(lang)
    if export is not None and export.suffix.lower() not in (".json", ".csv"):
        fail(f"cannot tell the format of {export}: end the name with .json or .csv", code=2)
    store = open_store()
    with store:
        notes = []
        if import_ is not None:
            notes.append(_import_progress(store, import_))
        if export is not None:
            notes.append(_export_progress(store, export))
        try:
            banks = load_banks()
        except BankError:
            banks = {}
        data = report(store, banks, _lesson_titles(language), exercises=_exercise_ids())
    if as_json:
        emit_json({**data, **({"notes": notes} if notes else {})})
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    for note in notes:
        console.print(note, style="dim")
    table = Table(
        "id",
        "title",
        "read",
        "seen",
        "accuracy",
        "mastery",
        "due",
        "exercises",
        box=None,
        header_style="bold",
    )
    for row in data["lessons"]:
        seen = f"{row['seen']}/{row['questions']}" if row["questions"] else str(row["seen"])
        table.add_row(
            row["lesson"],
            row["title"],
            row["read"],
            seen,
            _pct(row["accuracy"]),
            _pct(row["mastery"]),
            str(row["due"] or ""),
            f"{row['exercises_passed']}/{row['exercises']}" if row["exercises"] else "",
        )
    console.print(table)
    if not data["answered"]:
        console.print(WORDS.get(language, "no_answers"))
    console.print(
        WORDS.get(language, "streak", d=data["streak"], a=data["answered"], due=data["due"])
    )
