"""A lesson as rich Markdown whose paragraphs wrap the way Japanese text is set: anywhere
between Japanese characters, but by the line-breaking rule (kinsoku), so that no line starts
with 、。）」 and the like and none ends with an opening bracket. Rich alone wraps only at
spaces: a long Japanese run after a space jumps to a new line whole and is then cut at
whatever character meets the width."""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.containers import Lines
from rich.markdown import Markdown, Paragraph
from rich.text import Text

NO_LINE_START = frozenset(
    "、。，．,.）」』】〕〉》：；！？!?)]ー…ゃゅょっァィゥェォッャュョぁぃぅぇぉ%"
)
NO_LINE_END = frozenset("（「『【〔〈《([")


def kinsoku_breaks(text: str, width: int) -> list[int]:
    """Offsets to break `text` at so that each piece fits `width` cells. A line may end
    after a space or between two characters of which one is Japanese, but never inside a
    Latin word, before closing punctuation (、。）」…) or after an opening bracket. A run
    with no such place is folded at the width."""
    breaks: list[int] = []
    start = 0
    while True:
        end, used = start, 0
        while end < len(text) and used + cell_len(text[end]) <= width:
            used += cell_len(text[end])
            end += 1
        while end < len(text) and text[end].isspace():
            end += 1
        if end >= len(text):
            return breaks
        cut = next((c for c in range(end, start, -1) if _may_break(text, c)), end)
        breaks.append(cut)
        start = cut


def _may_break(text: str, cut: int) -> bool:
    before, after = text[cut - 1], text[cut]
    if after.isspace() or after in NO_LINE_START or before in NO_LINE_END:
        return False
    return before.isspace() or _wide(before) or _wide(after)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


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
