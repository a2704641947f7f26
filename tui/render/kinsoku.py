"""Japanese line breaking (kinsoku): where a line of mixed Japanese and Latin text may end.

One rule for every place that wraps lesson prose, the `dltutor read` pages (rich) and the
app's lesson reader (Textual): a Japanese run has no spaces, so a wrapper that breaks only at
spaces, or folds at the width, lets a line start with 、 or 。 or end with （.
"""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len

NO_LINE_START = frozenset(
    "、。，．,.）」』】〕〉》：；！？!?)]ー…ゃゅょっァィゥェォッャュョぁぃぅぇぉ%"
)
NO_LINE_END = frozenset("（「『【〔〈《([")


def kinsoku_breaks(text: str, width: int) -> list[int]:
    """Offsets to break `text` at so that each piece fits `width` cells. A line may end
    after a space or between two characters of which one is Japanese, but never inside a
    Latin word, before closing punctuation (、。）」…) or after an opening bracket. A run
    with no such place is folded at the width; a character wider than the width stands
    alone on its line."""
    breaks: list[int] = []
    start = 0
    while True:
        end, used = start, 0
        while end < len(text) and used + cell_len(text[end]) <= width:
            used += cell_len(text[end])
            end += 1
        end = max(end, start + 1)
        while end < len(text) and text[end].isspace():
            end += 1
        if end >= len(text):
            return breaks
        cut = next((c for c in range(end, start, -1) if _may_break(text, c)), end)
        breaks.append(cut)
        start = cut


def has_wide(text: str) -> bool:
    """Whether `text` holds a Japanese (full-width) character, so wraps by `kinsoku_breaks`."""
    return any(_wide(char) for char in text)


def _may_break(text: str, cut: int) -> bool:
    before, after = text[cut - 1], text[cut]
    if after.isspace() or after in NO_LINE_START or before in NO_LINE_END:
        return False
    return before.isspace() or _wide(before) or _wide(after)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"
