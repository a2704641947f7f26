"""The model inspector: the ONNX graph as a table (op, output shape, parameters) and the
model card. The graph is read in a thread worker (onnx is imported only there)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from dltutor.tui.app.data.models import model_status
from dltutor.tui.app.strings import WORDS, one_line

CARD_KEYS = (
    "task",
    "summary",
    "labels",
    "dataset",
    "metrics",
    "params",
    "bytes",
    "preprocessing",
    "command",
)
COLUMNS = ("col_op", "col_output", "col_shape", "col_params")


def _value(value: Any, lang: str) -> str:
    """A card value on one line: long lists cut to ten, counts with thousands separators."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v, lang)}" for k, v in value.items() if v not in ("", None))
    if isinstance(value, list):
        shown = ", ".join(map(str, value[:10]))
        return shown + (
            f", … ({WORDS.get(lang, 'in_all', n=len(value))})" if len(value) > 10 else ""
        )
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def card_text(card: dict[str, Any], lang: str = "en") -> Text:
    """The card's fields a learner reads, one per line, the field names in `lang`."""
    text = Text()
    for key in CARD_KEYS:
        if key in card:
            text.append(f"{WORDS.get(lang, 'card_' + key)}: ", style="bold")
            text.append(_value(card[key], lang) + "\n")
    text.rstrip()
    return text


class InspectorScreen(Screen[None]):
    """Graph table above, card below; Escape goes back, Tab moves between them."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("L", "app.toggle_language", "Language", show=False),
    ]

    class Loaded(Message):
        """The graph rows and the card, or the error that stopped them."""

        def __init__(self, rows: list, card: dict[str, Any] | None, error: str = "") -> None:
            super().__init__()
            self.rows = rows
            self.card = card
            self.error = error

    def __init__(self, name: str) -> None:
        super().__init__()
        self.model_name = name
        self.loaded: InspectorScreen.Loaded | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="graph-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="graph-summary")
        with VerticalScroll(id="card-scroll"):
            yield Static(id="card-view")
        yield Footer()

    def on_mount(self) -> None:
        self.language_changed()
        if model_status(self.model_name) == "missing":
            return
        self.load()

    def language_changed(self) -> None:
        lang = self.app.lang
        self.sub_title = WORDS.get(lang, "inspector_title", name=self.model_name)
        if model_status(self.model_name) == "missing":
            self._columns()
            self.query_one("#card-view", Static).update(
                Text(WORDS.get(lang, "missing_model", name=self.model_name))
            )
        elif self.loaded is None:
            self._columns()
            self.query_one("#card-view", Static).update(WORDS.get(lang, "reading_graph"))
        else:
            self.show(self.loaded)

    def _columns(self) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for key in COLUMNS:
            table.add_column(WORDS.get(self.app.lang, key), key=key)

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        from dltutor.engine.inference.cards import load_card, model_path
        from dltutor.engine.inference.graph import graph_rows

        try:
            card = load_card(self.model_name)
            rows = graph_rows(str(model_path(card)))
        except Exception as error:
            self.post_message(self.Loaded([], None, one_line(error)))
            return
        self.post_message(self.Loaded(rows, card))

    def on_inspector_screen_loaded(self, message: Loaded) -> None:
        if message.error:
            self.query_one("#card-view", Static).update(Text(message.error))
            self.notify(message.error, severity="error")
            return
        self.loaded = message
        self.show(message)
        self.query_one(DataTable).focus()

    def show(self, message: Loaded) -> None:
        """Fill the table (columns sized to their contents) and the summary and card."""
        lang = self.app.lang
        table = self.query_one(DataTable)
        row = table.cursor_row
        self._columns()
        for r in message.rows:
            shape = "(" + ", ".join(map(str, r.shape)) + ")" if r.shape else "?"
            params = Text(f"{r.params:,}" if r.params else "", justify="right")
            table.add_row(r.op, r.output, shape, params)
        table.move_cursor(row=row)
        total = sum(r.params for r in message.rows)
        stats = sum(r.statistics for r in message.rows)
        summary = Text(WORDS.get(lang, "graph_summary", nodes=len(message.rows), params=total))
        if stats:
            summary.append(WORDS.get(lang, "graph_stats", stats=stats))
        card = message.card or {}
        if isinstance(card.get("params"), int):
            matches = card["params"] == total
            summary.append(
                WORDS.get(lang, "card_matches" if matches else "card_differs", card=card["params"]),
                style="green" if matches else "red",
            )
        self.query_one("#graph-summary", Static).update(summary)
        self.query_one("#card-view", Static).update(card_text(card, lang))
