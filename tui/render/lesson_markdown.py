"""A lesson as rich Markdown whose paragraphs wrap the way Japanese text is set: anywhere
between Japanese characters, but by the line-breaking rule (kinsoku), so that no line starts
with 、。）」 and the like and none ends with an opening bracket. Rich alone wraps only at
spaces: a long Japanese run after a space jumps to a new line whole and is then cut at
whatever character meets the width."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.containers import Lines
from rich.markdown import Markdown, Paragraph
from rich.text import Text

from dltutor.tui.render.kinsoku import kinsoku_breaks


class KinsokuText(Text):
    """Text that wraps with `kinsoku_breaks` (left-justified, folding long runs)."""

    def wrap(self, console: Console, width: int, **_options: object) -> Lines:
        lines = Lines()
        for line in self.split(allow_blank=True):
            pieces = line.divide(kinsoku_breaks(str(line), width))
            for piece in pieces:
                piece.rstrip_end(width)
                piece.truncate(width, overflow="fold")
            lines.extend(pieces)
        return lines


class KinsokuParagraph(Paragraph):
    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text = KinsokuText(justify="left")
        text.append_text(self.text)
        yield text


class LessonMarkdown(Markdown):
    """Rich Markdown for a lesson body, paragraphs and list items wrapped by kinsoku."""

    elements = {**Markdown.elements, "paragraph_open": KinsokuParagraph}
