"""`dltutor exercises`, `dltutor exercise start|check|hint|solution` and `dltutor watch`.

The learner's files live in a plain folder (`--dir`, default under the user data dir); a
check runs their code in a sandboxed child process and prints what failed, with the input,
expected against got, and the mistake or hint that fits. Exit status: 0 when a check
passes, 1 when it fails or an input is bad, 2 for usage errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dltutor.lessons.words import Words
from dltutor.tui.cli.common import Json, Lang, emit_json, fail, resolve_lang

if TYPE_CHECKING:
    from rich.console import Console

    from dltutor.lessons.exercises import Exercise
    from dltutor.lessons.exercises.runner import CheckReport
    from dltutor.lessons.exercises.workspace import Workspace

app = typer.Typer(add_completion=False)
exercise_app = typer.Typer(
    name="exercise",
    help="Start, check, get a hint for, or see the solution of one exercise.",
    add_completion=False,
    no_args_is_help=True,
)
app.add_typer(exercise_app)

WORDS = Words(
    "cli-exercises",
    {
        "en": {
            "col.id": "id",
            "col.lesson": "lesson",
            "col.title": "title",
            "col.status": "status",
            "created": "Wrote {path}",
            "unchanged": "Your file is already there: {path}",
            "kept": "Your file has changes and was kept: {path} (--reset starts over, keeping a backup)",
            "reset": "Restored the template in {path}",
            "backup": "Your previous file is kept as {path}",
            "edit": "Edit it, then run: dltutor exercise check {id}  (or dltutor watch)",
            "all_passed": "Every exercise is passed. Well done!",
            "not_started": "{path} does not exist: start the exercise with `dltutor exercise start {id}`.",
            "hint": "Hint {n}/{total}: {text}",
            "no_more_hints": "That was the last hint; `dltutor exercise solution {id}` shows a solution.",
            "confirm_solution": "You have not passed {id} yet. Show the solution anyway?",
            "need_yes": "not passed yet: add --yes to see the solution anyway",
            "solution_for": "A solution for {id} (the book's way; yours may differ and be just as right):",
            "watching": "Watching {dir}: save an exercise file to check it. Keys: r re-run · n next · q quit",
            "watching_plain": "Watching {dir}: save an exercise file to check it. Ctrl-C stops.",
            "checking": "Checking {id} …",
            "offer_next": "Passed! Press n for the next exercise.",
            "started": "Next: {id} · {title} — {path}",
            "passed": "passed",
            "failed": "failed",
        },
        "ja": {
            "col.id": "ID",
            "col.lesson": "レッスン",
            "col.title": "タイトル",
            "col.status": "状態",
            "created": "{path} を作成しました",
            "unchanged": "ファイルはすでにあります：{path}",
            "kept": "変更のあるファイルはそのまま残しました：{path}（--reset でバックアップを残してやり直せます）",
            "reset": "{path} をテンプレートに戻しました",
            "backup": "前のファイルは {path} として残してあります",
            "edit": "編集したら dltutor exercise check {id} を実行します（または dltutor watch）",
            "all_passed": "すべての演習に合格しました。お疲れさまでした。",
            "not_started": "{path} がありません。`dltutor exercise start {id}` で演習を始めましょう。",
            "hint": "ヒント {n}/{total}：{text}",
            "no_more_hints": "これが最後のヒントです。`dltutor exercise solution {id}` で解答例を見られます。",
            "confirm_solution": "{id} はまだ合格していません。それでも解答例を表示しますか？",
            "need_yes": "まだ合格していません。それでも見る場合は --yes を付けてください",
            "solution_for": "{id} の解答例（本のやり方です。あなたの書き方が違っていても正しいことがあります）：",
            "watching": "{dir} を監視しています。演習ファイルを保存するとチェックします。キー：r 再実行 · n 次へ · q 終了",
            "watching_plain": "{dir} を監視しています。演習ファイルを保存するとチェックします。Ctrl-C で終了します。",
            "checking": "{id} をチェックしています…",
            "offer_next": "合格です。n キーで次の演習に進みます。",
            "started": "次の演習：{id} · {title} — {path}",
            "passed": "合格",
            "failed": "不合格",
        },
    },
)

Dir = Annotated[
    Path | None,
    typer.Option(
        "--dir", help="The exercise folder (default: exercises/ under the dltutor data folder)."
    ),
]
ExerciseId = Annotated[str, typer.Argument(metavar="ID", help="Exercise id, e.g. 02-softmax.")]


def _exercise(exercise_id: str) -> Exercise:
    from dltutor.lessons.exercises import ExerciseError, get_exercise

    try:
        return get_exercise(exercise_id)
    except ExerciseError as error:
        fail(str(error), code=2)


def _workspace(directory: Path | None) -> Workspace:
    from dltutor.lessons.exercises.workspace import Workspace

    if directory is not None and directory.exists() and not directory.is_dir():
        fail(f"--dir {directory} is a file, not a folder", code=2)
    return Workspace(directory)


def _stats() -> dict:
    from dltutor.lessons.progress.exercise_log import exercise_stats
    from dltutor.tui.cli.quiz import open_store

    with open_store() as store:
        return exercise_stats(store)


@app.command("exercises")
def list_exercises(
    lesson: Annotated[str | None, typer.Option("--lesson", help="Only this lesson's.")] = None,
    directory: Dir = None,
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """List the exercises: id, lesson, title and your status."""
    from dltutor.lessons.exercises import all_exercises

    language = resolve_lang(lang)
    workspace = _workspace(directory)
    stats = _stats()
    found = [e for e in all_exercises() if lesson is None or e.lesson == lesson.zfill(2)]
    if lesson is not None and not found:
        fail(f"lesson {lesson} has no exercises", code=2)
    rows = [
        {
            "id": e.id,
            "lesson": e.lesson,
            "title": e.title(language),
            "status": workspace.status(e, stats),
            "path": str(workspace.path(e)),
            "implements": list(e.implements),
        }
        for e in found
    ]
    if as_json:
        emit_json(rows)
        return
    from rich.console import Console
    from rich.table import Table

    from dltutor.lessons.exercises.texts import TEXTS

    table = Table(
        *(WORDS.get(language, f"col.{c}") for c in ("id", "lesson", "title", "status")),
        box=None,
        header_style="bold",
    )
    styles = {"passed": "green", "failed": "yellow", "started": "cyan", "new": "dim"}
    for r in rows:
        status = TEXTS.get(language, f"status.{r['status']}")
        table.add_row(r["id"], r["lesson"], r["title"], f"[{styles[r['status']]}]{status}[/]")
    Console(highlight=False).print(table)


@exercise_app.command("start")
def start(
    exercise_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="Exercise id (default: the next one).")
    ] = None,
    directory: Dir = None,
    reset: Annotated[
        bool, typer.Option("--reset", help="Restore the template; your file is kept as a backup.")
    ] = False,
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Write an exercise's file into your folder (never over your changes) and show the task."""
    from dltutor.lessons.exercises.workspace import WorkspaceError

    language = resolve_lang(lang)
    workspace = _workspace(directory)
    if exercise_id is None:
        exercise = workspace.next_exercise(_stats())
        if exercise is None:
            typer.echo(WORDS.get(language, "all_passed"))
            return
    else:
        exercise = _exercise(exercise_id)
    try:
        started = workspace.start(exercise, language, reset=reset)
    except WorkspaceError as error:
        fail(str(error), code=1)
    if as_json:
        emit_json(
            {
                "id": exercise.id,
                "path": str(started.path),
                "action": started.action,
                "backup": str(started.backup) if started.backup else None,
            }
        )
        return
    typer.echo(f"{exercise.id} · {exercise.title(language)}\n\n{exercise.task(language)}\n")
    typer.echo(WORDS.get(language, started.action, path=started.path))
    if started.backup:
        typer.echo(WORDS.get(language, "backup", path=started.backup))
    typer.echo(WORDS.get(language, "edit", id=exercise.id))


def print_report(console: Console, report: CheckReport, lang: str) -> None:
    """The checks, one line each; a failed one with its message indented under it."""
    from rich.markup import escape

    for item in report.items:
        mark = "[green]✓[/]" if item.passed else "[red]✗[/]"
        console.print(f"{mark} {escape(item.name)}")
        if item.message:
            for line in item.message.splitlines():
                console.print(f"    {escape(line)}")
    if report.output.strip():
        from dltutor.lessons.exercises.texts import TEXTS

        console.print(TEXTS.get(lang, "output"), style="dim")
        console.print(escape(report.output.rstrip()), style="dim")
    style = "bold green" if report.passed else "bold red"
    console.print(report.summary(lang), style=style)


def run_check(exercise: Exercise, workspace: Workspace, lang: str) -> CheckReport:
    """Check the learner's file and record the attempt in the progress store."""
    from dltutor.lessons.exercises.runner import check_file
    from dltutor.lessons.progress.exercise_log import hints_used, record_attempt
    from dltutor.tui.cli.quiz import open_store

    with open_store() as store:
        shown = hints_used(store, exercise.id)
    report = check_file(exercise, workspace.path(exercise), lang, hints_shown=shown)
    if report.items and report.items[0].name != "stopped":
        with open_store() as store:
            record_attempt(store, exercise.id, exercise.lesson, report.passed, report.mistakes)
    return report


@exercise_app.command("check")
def check(
    exercise_id: ExerciseId, directory: Dir = None, lang: Lang = None, as_json: Json = False
) -> None:
    """Check your file for an exercise: exit 0 when every check passes, 1 otherwise."""
    language = resolve_lang(lang)
    exercise = _exercise(exercise_id)
    workspace = _workspace(directory)
    path = workspace.path(exercise)
    if not path.exists():
        fail(WORDS.get(language, "not_started", path=path, id=exercise.id), code=1)
    report = run_check(exercise, workspace, language)
    if as_json:
        emit_json(report.as_json())
    else:
        from rich.console import Console

        print_report(Console(highlight=False), report, language)
    raise typer.Exit(0 if report.passed else 1)


@exercise_app.command("hint")
def hint(exercise_id: ExerciseId, lang: Lang = None, as_json: Json = False) -> None:
    """Show the next hint for an exercise (one more each time)."""
    from dltutor.lessons.progress.exercise_log import use_hint
    from dltutor.tui.cli.quiz import open_store

    language = resolve_lang(lang)
    exercise = _exercise(exercise_id)
    hints = exercise.hints(language)
    with open_store() as store:
        shown = use_hint(store, exercise.id, exercise.lesson, len(hints))
    if as_json:
        emit_json({"id": exercise.id, "level": shown, "hints": hints[:shown]})
        return
    for n, text in enumerate(hints[:shown], start=1):
        typer.echo(WORDS.get(language, "hint", n=n, total=len(hints), text=text))
    if shown == len(hints):
        typer.echo(WORDS.get(language, "no_more_hints", id=exercise.id))


@exercise_app.command("solution")
def solution(
    exercise_id: ExerciseId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Show it without asking.")] = False,
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Show a reference solution: after you pass, or once you confirm."""
    import sys

    from dltutor.lessons.progress.exercise_log import exercise_stats, saw_solution
    from dltutor.tui.cli.quiz import open_store

    language = resolve_lang(lang)
    exercise = _exercise(exercise_id)
    with open_store() as store:
        passed = exercise_stats(store).get(exercise.id, {}).get("passes", 0) > 0
        if not passed and not yes:
            if as_json or not sys.stdin.isatty():
                fail(WORDS.get(language, "need_yes"), code=1)
            if not typer.confirm(WORDS.get(language, "confirm_solution", id=exercise.id)):
                raise typer.Exit(1)
        saw_solution(store, exercise.id, exercise.lesson)
    if as_json:
        emit_json({"id": exercise.id, "solution": exercise.solution_code})
        return
    from rich.console import Console
    from rich.syntax import Syntax

    console = Console(highlight=False)
    console.print(WORDS.get(language, "solution_for", id=exercise.id))
    console.print(Syntax(exercise.solution_code, "python", theme="ansi_dark"))


@app.command("watch")
def watch(
    exercise_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="Check this one first.")
    ] = None,
    directory: Dir = None,
    lang: Lang = None,
) -> None:
    """Re-check the exercise you are editing each time you save it (Ctrl-C or q stops)."""
    from dltutor.tui.cli.exercise_watch import watch_folder

    language = resolve_lang(lang)
    exercise = _exercise(exercise_id) if exercise_id else None
    watch_folder(_workspace(directory), language, exercise)
