"""A lesson's Python block as a cell: focus it and run it, edit a copy, see its output.

The cell only asks (it posts `Run`, `Edit`, `Stop`, `Reset`); the lesson screen owns the
kernel and the worker that runs code, and hands results back with `append` / `finish`.
Other fences (diagrams, shell lines) stay plain, unfocusable code.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownFence

from dltutor.lessons.runner.cell import BlockResult
from dltutor.lessons.words import Words
from dltutor.tui.app.widgets.kinsoku_paragraph import KinsokuParagraph

WORDS = Words(
    "app-code",
    {
        "en": {
            "hint": "block {index} · r run · a run all up to here · e edit · s stop",
            "edited": "block {index} · your edited copy · z back to the lesson's code",
            "running": "running…",
            "waiting": "waiting for the blocks above…",
            "matched": "✓ matches  # -> {expected}",
            "mismatched": "✗ expected {expected}, printed {got}",
            "ok": "✓ ran without error",
            "stopped": "■ stopped",
            "timed_out": "■ stopped after {limit:g} s: an infinite loop? The kernel kept its variables.",
            "crashed": "■ the block's Python process died (out of memory, or a crash in C code); the next run starts a fresh one",
            "restarted": "(the kernel started afresh: run the blocks above again if this one needs them)",
            "truncated": "(output cut short)",
            "busy": "A block is running: s stops it.",
            "no_editor": "No editor found: set $VISUAL or $EDITOR.",
            "no_suspend": "This terminal cannot hand over to an editor; the copy is at {path}",
            "kernel_restarted": "The lesson's kernel starts afresh at the next run.",
            "kernel_failed": "The code runner could not start: {error}",
        },
        "ja": {
            "hint": "ブロック {index} · r 実行 · a ここまで全部実行 · e 編集 · s 停止",
            "edited": "ブロック {index} · 編集したコピー · z でレッスンのコードに戻す",
            "running": "実行中…",
            "waiting": "上のブロックの実行を待っています…",
            "matched": "✓ 一致  # -> {expected}",
            "mismatched": "✗ 期待した出力 {expected}、実際の出力 {got}",
            "ok": "✓ エラーなく実行しました",
            "stopped": "■ 停止しました",
            "timed_out": "■ {limit:g} 秒で停止しました（無限ループでは？）。カーネルの変数は残っています。",
            "crashed": "■ ブロックを実行していた Python のプロセスが終了しました（メモリ不足か C コードの異常）。次の実行で新しく起動します",
            "restarted": "（カーネルを新しく起動しました。このブロックが上のブロックの結果を使う場合は、上から実行し直してください）",
            "truncated": "（出力の一部を省略しました）",
            "busy": "ブロックを実行中です。s で停止できます。",
            "no_editor": "エディターが見つかりません。$VISUAL か $EDITOR を設定してください。",
            "no_suspend": "この端末ではエディターに切り替えられません。コピーは {path} にあります",
            "kernel_restarted": "次の実行でレッスンのカーネルを新しく起動します。",
            "kernel_failed": "コードの実行環境を起動できませんでした：{error}",
        },
    },
)


class CodeCell(MarkdownFence):
    """A fenced block; Python ones can be focused, run and edited."""

    BINDINGS = [
        Binding("r", "run", "Run"),
        Binding("a", "run_to_here", "Run to here"),
        Binding("e", "edit", "Edit"),
        Binding("s", "stop", "Stop"),
        Binding("z", "reset", "Reset", show=False),
    ]
    DEFAULT_CSS = """
    CodeCell:focus { background: $boost; }
    CodeCell > Vertical { height: auto; }
    CodeCell #cell-bar { color: $text-muted; padding: 0 1; }
    CodeCell #cell-output { padding: 0 1; display: none; }
    CodeCell #cell-output.-shown { display: block; }
    CodeCell.-failed #cell-output { color: $text-warning; }
    """

    class Request(Message):
        """Base of the cell's asks; `cell` is who asks."""

        def __init__(self, cell: CodeCell) -> None:
            super().__init__()
            self.cell = cell

    class Run(Request):
        """Run this block (`upto`: and every block above it first)."""

        def __init__(self, cell: CodeCell, upto: bool) -> None:
            super().__init__(cell)
            self.upto = upto

    class Edit(Request):
        """Open this block's edited copy in the learner's editor."""

    class Stop(Request):
        """Stop the running block."""

    class Reset(Request):
        """Drop the edited copy: the lesson's code again."""

    def __init__(self, markdown: Markdown, token, code: str) -> None:
        super().__init__(markdown, token, code)
        self.python = (token.info or "").strip() == "python"
        self.can_focus = self.python
        self.index = 0  # 1-based among the lesson's Python blocks, set by the document
        self.lesson_code = code
        self._output: list[str] = []
        self._waiting = False

    def compose(self):
        yield from super().compose()
        if self.python:
            with Vertical():
                yield Static(id="cell-bar")
                yield Static(id="cell-output", markup=False)

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    def show_code(self, code: str, edited: bool) -> None:
        """Show `code` (the lesson's or the learner's copy) and say which it is."""
        self.code = code
        self.set_content(
            self.highlight(
                code, "python", ansi=self.app.native_ansi_color, dark=self.app.current_theme.dark
            )
        )
        key = "edited" if edited else "hint"
        self.query_one("#cell-bar", Static).update(WORDS.get(self.lang, key, index=self.index))

    def _set_output(self, text: str) -> None:
        output = self.query_one("#cell-output", Static)
        output.update(text)
        output.set_class(bool(text), "-shown")

    def start(self, waiting: bool = False) -> None:
        self._output = []
        self._waiting = waiting
        self._set_output(WORDS.get(self.lang, "waiting" if waiting else "running"))

    def cancel_waiting(self) -> None:
        """A block still waiting when the run ended will not run: clear its note."""
        if self._waiting:
            self._waiting = False
            self._set_output("")

    def append(self, text: str) -> None:
        self._output.append(text)
        self._set_output("".join(self._output).rstrip("\n"))

    def finish(self, result: BlockResult, time_limit: float) -> None:
        """Show the whole output, each stated output matched or not, and any error."""
        lang = self.lang
        lines = [result.output.rstrip("\n")] if result.output.strip() else []
        for check in result.checks:
            key = "matched" if check.matched else "mismatched"
            lines.append(WORDS.get(lang, key, expected=check.expected, got=check.got))
        if result.timed_out:
            lines.append(WORDS.get(lang, "timed_out", limit=time_limit))
        elif result.crashed:
            lines.append(WORDS.get(lang, "crashed"))
        elif result.stopped:
            lines.append(WORDS.get(lang, "stopped"))
        elif result.error:
            lines.append(result.error)
        elif not result.checks:
            lines.append(WORDS.get(lang, "ok"))
        if result.restarted:
            lines.append(WORDS.get(lang, "restarted"))
        self._set_output("\n".join(lines))
        self.set_class(not result.ok or result.expected_matched is False, "-failed")

    def action_run(self) -> None:
        self.post_message(self.Run(self, upto=False))

    def action_run_to_here(self) -> None:
        self.post_message(self.Run(self, upto=True))

    def action_edit(self) -> None:
        self.post_message(self.Edit(self))

    def action_stop(self) -> None:
        self.post_message(self.Stop(self))

    def action_reset(self) -> None:
        self.post_message(self.Reset(self))


class LessonDocument(Markdown):
    """Markdown whose fences are cells, numbered in order like `python_blocks` numbers them,
    and whose paragraphs wrap Japanese text by the kinsoku rule."""

    BLOCKS = {
        **Markdown.BLOCKS,
        "fence": CodeCell,
        "code_block": CodeCell,
        "paragraph_open": KinsokuParagraph,
    }

    def cells(self) -> list[CodeCell]:
        found = [cell for cell in self.query(CodeCell) if cell.python]
        for number, cell in enumerate(found, start=1):
            cell.index = number
        return found
