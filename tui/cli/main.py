"""The `dltutor` command: the root typer app and the course-reading commands.

Each command group lives in its own module and registers here. Heavy imports (NumPy,
ONNX Runtime, Textual) happen inside the commands, so `dltutor --help` stays fast.
"""

from __future__ import annotations

from importlib.metadata import version

import typer

from dltutor.tui.cli import code, data, exercises, infer, lab, models, quiz
from dltutor.tui.cli.common import Json, Lang, emit_json, fail, resolve_lang
from dltutor.tui.cli.words import LESSONS as WORDS

app = typer.Typer(
    name="dltutor",
    help="Learn deep learning in the terminal: lessons, live NumPy labs, quizzes and model demos.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"dltutor {version('dltutor')}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    lang: Lang = None,
    _version: bool = typer.Option(
        False, "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Open the app when no command is given."""
    ctx.obj = {"lang": lang}
    if ctx.invoked_subcommand is None:
        from dltutor.tui.app.app import DLTutorApp

        DLTutorApp(lang=resolve_lang(lang) if lang else None).run()


@app.command("lessons")
def list_lessons(lang: Lang = None, as_json: Json = False) -> None:
    """List the course's lessons."""
    from dltutor.lessons.catalog import lessons

    language = resolve_lang(lang)
    found = lessons(language)
    if as_json:
        emit_json(
            [
                {
                    "id": x.id,
                    "key": x.key,
                    "title": x.title,
                    "summary": x.summary,
                    "minutes": x.minutes,
                    "labs": list(x.labs),
                    "quiz": x.quiz,
                }
                for x in found
            ]
        )
        return
    from rich.console import Console
    from rich.table import Table

    headers = (WORDS.get(language, key) for key in ("id", "title", "minutes", "summary"))
    table = Table(*headers, box=None, header_style="bold")
    for x in found:
        table.add_row(x.id, x.title, str(x.minutes), x.summary)
    Console().print(table)


@app.command("read")
def read(
    lesson_id: str = typer.Argument(..., metavar="ID", help="Lesson id (03), key or slug."),
    lang: Lang = None,
    pager: bool = typer.Option(True, help="Page the lesson when writing to a terminal."),
) -> None:
    """Render a lesson in the terminal."""
    from dltutor.lessons.catalog import LessonError, get_lesson

    try:
        lesson = get_lesson(lesson_id, resolve_lang(lang))
    except LessonError as error:
        fail(str(error), code=2)
    from rich.console import Console

    from dltutor.lessons.page import lesson_page
    from dltutor.tui.render.lesson_markdown import LessonMarkdown

    console = Console()
    document = LessonMarkdown(lesson_page(lesson))
    if pager and console.is_terminal:
        with console.pager(styles=True):
            console.print(document)
    else:
        console.print(document)


# quiz, review, progress · infer image|text, generate · models … · lab · run, export ·
# exercises, exercise …, watch · data
for group in (quiz.app, infer.app, models.app, lab.app, code.app, exercises.app, data.app):
    app.add_typer(group)


def run() -> None:
    """Console-script entry point."""
    app()
