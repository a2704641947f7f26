"""A small modal list: pick one of a lesson's labs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from dltutor.tui.app.strings import WORDS


def lab_title(lab_id: str, lang: str) -> str:
    """The lab's title, or "" when its module cannot load (the picker then shows the id)."""
    try:
        from dltutor.lessons.labs import get_lab

        return get_lab(lab_id).title(lang)
    except Exception:
        return ""


class LabPicker(ModalScreen[str | None]):
    """Returns the chosen lab id, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, lab_ids: tuple[str, ...] | list[str]) -> None:
        super().__init__()
        self.lab_ids = list(lab_ids)

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Vertical(id="picker"):
            yield Label(WORDS.get(lang, "picker_title"))
            yield OptionList(
                *(Option(f"{i}  {lab_title(i, lang)}".rstrip(), id=i) for i in self.lab_ids),
                id="picker-list",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
