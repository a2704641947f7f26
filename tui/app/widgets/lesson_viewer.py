"""A MarkdownViewer that says when its document is loaded, so the screen can restore a
scroll position or jump to a section only once the headings exist."""

from __future__ import annotations

from textual.events import Mount
from textual.message import Message
from textual.widgets import MarkdownViewer


class LessonViewer(MarkdownViewer):
    """The lesson's Markdown with a table of contents; posts `Ready` after each load."""

    class Ready(Message):
        """The document is parsed and its blocks are mounted."""

    async def _on_mount(self, event: Mount) -> None:
        await super()._on_mount(event)
        self.post_message(self.Ready())

    async def show(self, markdown: str) -> None:
        """Replace the document (a language switch) and announce it like the first load."""
        await self.document.update(markdown)
        self.post_message(self.Ready())

    def section_blocks(self) -> list[str]:
        """Block ids of the `##` headings, in order: they pair with the lesson's sections."""
        return [
            block for level, _, block in self.document.table_of_contents if level == 2 and block
        ]
