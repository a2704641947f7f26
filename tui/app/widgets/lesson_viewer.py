"""A MarkdownViewer that says when its document is loaded, so the screen can restore a
scroll position or jump to a section only once the headings exist, and whose Python
blocks are runnable cells."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Mount
from textual.message import Message
from textual.widgets import MarkdownViewer
from textual.widgets.markdown import MarkdownTableOfContents

from dltutor.tui.app.widgets.code_cell import LessonDocument


class LessonViewer(MarkdownViewer):
    """The lesson's Markdown with a table of contents; posts `Ready` after each load."""

    class Ready(Message):
        """The document is parsed and its blocks are mounted."""

    def compose(self) -> ComposeResult:
        document = LessonDocument(parser_factory=self._parser_factory, open_links=self._open_links)
        document.can_focus = True
        yield document
        yield MarkdownTableOfContents(document)

    @property
    def document(self) -> LessonDocument:
        return self.query_one(LessonDocument)

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
