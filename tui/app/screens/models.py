"""The model list: the zoo's models with their task and whether each is installed; Enter
tries one in the playground, `i` opens the inspector."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from dltutor.tui.app.data.models import model_status
from dltutor.tui.app.strings import WORDS

TASK_WORDS = {
    "image-classification": "task_images",
    "text-classification": "task_sentiment",
    "text-generation": "task_generation",
}


class ModelsScreen(Screen[None]):
    """The zoo's models with their task and whether the file is installed."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("i", "inspect", "Inspect"),
        Binding("L", "app.toggle_language", "Language", show=False),
    ]

    def __init__(self, inspect: bool = False) -> None:
        super().__init__()
        self.inspect_on_select = inspect

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="model-help")
        yield OptionList(id="model-list")
        yield Footer()

    def on_mount(self) -> None:
        self.language_changed()
        self.query_one(OptionList).focus()

    def on_screen_resume(self) -> None:
        self.language_changed()

    def language_changed(self) -> None:
        """(Re)draw the list: the words, and whether each model is installed now."""
        from dltutor.engine.zoo import MODELS

        lang = self.app.lang
        self.sub_title = WORDS.get(
            lang, "models_inspect_title" if self.inspect_on_select else "models_title"
        )
        self.query_one("#model-help", Static).update(WORDS.get(lang, "models_help"))
        listing = self.query_one(OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        for name, spec in MODELS.items():
            task = WORDS.get(lang, TASK_WORDS[spec.task]) if spec.task in TASK_WORDS else spec.task
            line = Text(f"{name:<18} ")
            line.append(task)
            line.append(" " * max(1, 12 - Text(task).cell_len))
            line.append(WORDS.get(lang, model_status(name)))
            listing.add_option(Option(line, id=name))
        listing.highlighted = highlighted if highlighted is not None else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        name = event.option.id or ""
        if self.inspect_on_select:
            self._inspect(name)
        else:
            from dltutor.tui.app.screens.playground import PlaygroundScreen

            self.app.push_screen(PlaygroundScreen(name))

    def action_inspect(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            self._inspect(listing.get_option_at_index(listing.highlighted).id or "")

    def _inspect(self, name: str) -> None:
        from dltutor.tui.app.screens.inspector import InspectorScreen

        self.app.push_screen(InspectorScreen(name))
