"""Markdown paragraphs (list items' too) that wrap Japanese text by the kinsoku rule.

Textual wraps at spaces and folds a space-less run at the width, so a Japanese line could
start with 、 or 。 or end with （. `KinsokuContent` keeps Textual's formatting (styles,
selection, alignment) and only chooses other break offsets, from the rule `dltutor read`
uses; text without Japanese characters wraps exactly as Textual wraps it.
"""

from __future__ import annotations

from functools import lru_cache

from textual._loop import loop_last
from textual.content import Content, _FormattedLine
from textual.css.types import TextAlign, TextOverflow
from textual.selection import Selection
from textual.style import Style
from textual.widgets._markdown import MarkdownParagraph

from dltutor.tui.render.kinsoku import has_wide, kinsoku_breaks


@lru_cache(maxsize=4096)
def _breaks(text: str, width: int) -> tuple[int, ...]:
    """Break offsets per line and width, so a redraw or a scroll does not wrap again."""
    return tuple(kinsoku_breaks(text, width))


def kinsoku_wrap(content: Content, width: int) -> list[Content]:
    """`content` as the lines the lesson reader shows at `width` cells."""
    return [line.content for line in KinsokuContent.of(content)._wrap_and_format(width)]


class KinsokuContent(Content):
    """Content whose Japanese lines break where `kinsoku_breaks` allows."""

    @classmethod
    def of(cls, content: Content) -> KinsokuContent:
        return cls(content.plain, list(content.spans), content.cell_length, False)

    @property
    def without_spans(self) -> KinsokuContent:
        # Textual measures a widget's height on the span-less copy: it must wrap alike.
        return KinsokuContent(self.plain, [], self.cell_length, False)

    def _wrap_and_format(
        self,
        width: int,
        align: TextAlign = "left",
        overflow: TextOverflow = "fold",
        no_wrap: bool = False,
        line_pad: int = 0,
        tab_size: int = 8,
        selection: Selection | None = None,
        selection_style: Style | None = None,
        post_style: Style | None = None,
        get_style=Style.parse,
    ) -> list[_FormattedLine]:
        if no_wrap or not has_wide(self.plain):
            return super()._wrap_and_format(
                width, align, overflow, no_wrap, line_pad, tab_size,
                selection, selection_style, post_style, get_style,
            )  # fmt: skip
        ellipsis = overflow == "ellipsis"
        output: list[_FormattedLine] = []
        for y, line in enumerate(self.split(allow_blank=True)):
            if post_style is not None:
                line = line.stylize(post_style)
            span = None if selection is None or selection_style is None else selection.get_span(y)
            if span is not None:
                start, end = span
                line = line.stylize(selection_style, start, len(line.plain) if end == -1 else end)
            line = line.expand_tabs(tab_size)
            offsets = _breaks(line.plain, width - line_pad * 2)
            pieces = line.divide(offsets)
            lines = [
                _FormattedLine(
                    get_style,
                    (piece if last else piece.rstrip())
                    .truncate(width, ellipsis=ellipsis)
                    .rstrip_end(width)
                    .pad(line_pad, line_pad),
                    width,
                    x,
                    y,
                    align=align,
                )
                for last, (piece, x) in loop_last(zip(pieces, (0, *offsets), strict=True))
            ]
            lines[-1].line_end = True
            output.extend(lines)
        return output


class KinsokuParagraph(MarkdownParagraph):
    """A paragraph whose text wraps by `KinsokuContent`."""

    def set_content(self, content: Content) -> None:
        super().set_content(KinsokuContent.of(content))
