"""`dltutor run LESSON` runs a lesson's Python blocks in order, as a notebook would;
`dltutor export LESSON|all` writes lessons as Jupyter notebooks (ipynb, py:percent or md).

The blocks run in a separate Python process (the lesson's kernel), never in this one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dltutor.lessons.words import Words
from dltutor.tui.cli.common import Json, Lang, emit_json, fail, resolve_lang

app = typer.Typer(add_completion=False)

WORDS = Words(
    "cli-code",
    {
        "en": {
            "block": "block {index}",
            "matched": "matches  # -> {expected}",
            "mismatched": "expected {expected!r}, printed {got!r}",
            "stopped": "stopped: the block ran for over {limit:g} s (an infinite loop?)",
            "crashed": "the block's Python process died (out of memory, or a crash in C code)",
            "summary": "{ran} blocks ran, {failed} failed; {matched} of {checks} stated outputs matched.",
            "no_blocks": "Lesson {lesson} has no Python blocks.",
            "bad_block": "lesson {lesson} has {count} Python blocks: choose --block 1 to {count}",
            "written": "Wrote {path}",
            "exists": "{path} exists; pass --force to overwrite it",
            "no_write": "cannot write {path} ({reason}); choose another place with -o",
        },
        "ja": {
            "block": "ブロック {index}",
            "matched": "一致  # -> {expected}",
            "mismatched": "期待した出力は {expected!r}、実際の出力は {got!r}",
            "stopped": "停止しました：{limit:g} 秒を超えて実行されました（無限ループでは？）",
            "crashed": "ブロックを実行していた Python のプロセスが終了しました（メモリ不足か C コードの異常）",
            "summary": "{ran} 個のブロックを実行し、{failed} 個が失敗しました。記載された出力 {checks} 件中 {matched} 件が一致しました。",
            "no_blocks": "レッスン {lesson} には Python のブロックがありません。",
            "bad_block": "レッスン {lesson} の Python ブロックは {count} 個です：--block には 1〜{count} を指定してください",
            "written": "{path} に書き出しました",
            "exists": "{path} はすでにあります。上書きするには --force を付けてください",
            "no_write": "{path} に書き込めません（{reason}）。-o で別の場所を指定してください",
        },
    },
)


@app.command("run")
def run(
    lesson_id: Annotated[
        str, typer.Argument(metavar="LESSON", help="Lesson id (04), key or slug.")
    ],
    block: Annotated[
        int | None,
        typer.Option("--block", min=1, help="Run the blocks up to this one and show only it."),
    ] = None,
    edited: Annotated[
        bool, typer.Option("--edited", help="Use your edited copies of blocks (made in the app).")
    ] = False,
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=1.0, help="Seconds a block may run.")
    ] = 30.0,
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Run a lesson's Python blocks in order in one separate Python process."""
    from dltutor.lessons.catalog import LessonError, get_lesson
    from dltutor.lessons.runner.blocks import CodeBlock, python_blocks
    from dltutor.lessons.runner.cell import run_cell
    from dltutor.lessons.runner.edits import edited as edited_copy
    from dltutor.lessons.runner.kernel import Kernel, KernelError

    lang = resolve_lang(lang)
    try:
        lesson = get_lesson(lesson_id, lang)
    except LessonError as error:
        fail(str(error), code=2)
    blocks = python_blocks(lesson.body)
    if block is not None and block > len(blocks):
        fail(WORDS.get(lang, "bad_block", lesson=lesson.id, count=len(blocks)), code=2)
    if edited:
        blocks = [
            CodeBlock(b.index, edited_copy(lesson.id, lang, b.index) or b.code) for b in blocks
        ]
    chosen = blocks[: block or len(blocks)]
    results = []
    try:
        with Kernel(time_limit=time_limit) as kernel:
            for code_block in chosen:
                *_, result = run_cell(
                    kernel, code_block, f"lesson {lesson.id} block {code_block.index}"
                )
                results.append(result)
                if not as_json and (block is None or code_block.index == block or not result.ok):
                    _print_result(result, lang, time_limit)
                if not result.ok and block is not None:
                    break
    except KernelError as error:
        fail(str(error))
    shown = [r for r in results if block is None or r.index == block or not r.ok]
    failed = sum(not r.ok for r in results)
    if as_json:
        emit_json({"lesson": lesson.id, "blocks": [r.as_json() for r in shown]})
    elif not blocks:
        typer.echo(WORDS.get(lang, "no_blocks", lesson=lesson.id))
    else:
        checks = [c for r in shown for c in r.checks]
        typer.echo(
            WORDS.get(
                lang,
                "summary",
                ran=len(results),
                failed=failed,
                matched=sum(c.matched for c in checks),
                checks=len(checks),
            )
        )
    if failed:
        raise typer.Exit(1)


def _print_result(result, lang: str, time_limit: float) -> None:
    typer.secho(f"── {WORDS.get(lang, 'block', index=result.index)} ──", bold=True)
    if result.output:
        typer.echo(result.output.rstrip("\n"))
    for check in result.checks:
        if check.matched:
            typer.secho("  ✓ " + WORDS.get(lang, "matched", expected=check.expected), fg="green")
        else:
            text = WORDS.get(lang, "mismatched", expected=check.expected, got=check.got)
            typer.secho("  ✗ " + text, fg="yellow")
    if result.timed_out:
        typer.secho(WORDS.get(lang, "stopped", limit=time_limit), fg="red", err=True)
    elif result.crashed:
        typer.secho(WORDS.get(lang, "crashed"), fg="red", err=True)
    elif result.error:
        typer.secho(result.error, fg="red", err=True)


@app.command("export")
def export(
    lesson_id: Annotated[
        str, typer.Argument(metavar="LESSON|all", help="Lesson id (04), key or slug, or all.")
    ],
    fmt: Annotated[
        str,
        typer.Option("--format", metavar="ipynb|py|md", help="Notebook, py:percent or Markdown."),
    ] = "ipynb",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File (one lesson) or folder (all) to write."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Write lessons as Jupyter notebooks: prose as Markdown cells, code as code cells."""
    from dltutor.lessons.catalog import LessonError, get_lesson, lessons
    from dltutor.lessons.runner.notebook import FORMATS, export_text, file_name

    lang = resolve_lang(lang)
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}: use --format ipynb, py or md", code=2)
    try:
        chosen = list(lessons(lang)) if lesson_id == "all" else [get_lesson(lesson_id, lang)]
    except LessonError as error:
        fail(str(error), code=2)
    if lesson_id == "all":
        folder = output or Path("dltutor-notebooks")
        targets = [folder / file_name(lesson, fmt) for lesson in chosen]
    elif output is not None and output.is_dir():
        targets = [output / file_name(chosen[0], fmt)]
    else:
        targets = [output or Path(file_name(chosen[0], fmt))]
    taken = [path for path in targets if path.exists()]
    if taken and not force:
        fail(WORDS.get(lang, "exists", path=taken[0]), code=2)
    for lesson, path in zip(chosen, targets, strict=True):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(export_text(lesson, fmt), "utf-8")
        except OSError as error:
            fail(WORDS.get(lang, "no_write", path=path, reason=error.strerror or error))
        if not as_json:
            typer.echo(WORDS.get(lang, "written", path=path))
    if as_json:
        emit_json(
            [
                {"lesson": lesson.id, "path": str(path)}
                for lesson, path in zip(chosen, targets, strict=True)
            ]
        )
