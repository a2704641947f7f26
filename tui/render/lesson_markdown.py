"""A lesson as rich Markdown whose paragraphs wrap by the Japanese line-breaking rule
(kinsoku): no line starts with 、。）」 and the like, and none ends with an opening bracket.
Rich folds a long Japanese run at whatever character meets the width; this moves such a
break one character back, so the character before the punctuation goes down with it."""

from __future__ import annotations

from rich._wrap import divide_line
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
    """Offsets to break `text` at so that each piece fits `width` cells: rich's word
    wrapping, with a break that would start a line with punctuation moved back (the
    character before goes down too) or, where the line has room, forward."""
    breaks: list[int] = []
    start = 0
    while offsets := divide_line(text[start:], width):
        cut = start + offsets[0]
        back = cut
        while back - 1 > start and _forbidden(text, back):
            back -= 1
        if _forbidden(text, back):
            while cut < len(text) and _forbidden(text, cut):
                if cell_len(text[start : cut + 1].rstrip()) > width:
                    break
                cut += 1
            if cut == len(text):
                break
        else:
            cut = back
        breaks.append(cut)
        start = cut
    return breaks


def _forbidden(text: str, cut: int) -> bool:
    """A line may not start at `cut`: punctuation or a space would lead it, or an opening
    bracket would end the line before."""
    return text[cut] in NO_LINE_START or text[cut].isspace() or text[cut - 1] in NO_LINE_END


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
