"""The model inspector: the ONNX graph as a table (op, output shape, parameters) and the
model card. The graph is read in a thread worker (onnx is imported only here)."""

from __future__ import annotations

import contextlib
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from dltutor.tui.app.screens.models import missing_message, model_status

CARD_KEYS = ("task", "labels", "dataset", "metrics", "params", "bytes", "preprocessing", "command")


def graph_rows(path: str) -> list[tuple[str, str, str, int]]:
    """(op, output name, output shape, parameter count) per node, shapes from shape inference."""
    import onnx
    import onnx.shape_inference
    from onnx import numpy_helper

    model = onnx.load(path)
    with contextlib.suppress(Exception):  # shapes are a help, not a requirement
        model = onnx.shape_inference.infer_shapes(model)
    graph = model.graph
    sizes = {init.name: int(numpy_helper.to_array(init).size) for init in graph.initializer}
    shapes: dict[str, str] = {}
    for info in [*graph.value_info, *graph.output, *graph.input]:
        dims = info.type.tensor_type.shape.dim
        shapes[info.name] = "(" + ", ".join(d.dim_param or str(d.dim_value) for d in dims) + ")"
    rows = []
    for node in graph.node:
        out = node.output[0] if node.output else ""
        params = sum(sizes.get(name, 0) for name in node.input)
        rows.append((node.op_type, out, shapes.get(out, "?"), params))
    return rows


def card_text(card: dict[str, Any]) -> str:
    lines = []
    for key in CARD_KEYS:
        if key in card:
            value = card[key]
            if isinstance(value, list) and len(value) > 10:
                value = ", ".join(map(str, value[:10])) + f", … ({len(value)} in all)"
            lines.append(f"{key}: {value}")
    return "\n".join(lines)


class InspectorScreen(Screen[None]):
    """Graph table above, card below; Escape goes back."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

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

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="graph-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="card-view")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.model_name} · graph and card"
        table = self.query_one(DataTable)
        table.add_columns("op", "output", "shape", "params")
        if model_status(self.model_name) == "missing":
            self.query_one("#card-view", Static).update(Text(missing_message(self.model_name)))
            return
        self.query_one("#card-view", Static).update("reading the graph…")
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        from dltutor.engine.inference.cards import load_card, model_path

        try:
            card = load_card(self.model_name)
            rows = graph_rows(str(model_path(card)))
        except Exception as error:
            self.post_message(self.Loaded([], None, str(error).splitlines()[0]))
            return
        self.post_message(self.Loaded(rows, card))

    def on_inspector_screen_loaded(self, message: Loaded) -> None:
        view = self.query_one("#card-view", Static)
        if message.error:
            view.update(Text(message.error))
            self.notify(message.error, severity="error")
            return
        table = self.query_one(DataTable)
        for op, out, shape, params in message.rows:
            table.add_row(op, out, shape, f"{params:,}" if params else "")
        total = sum(r[3] for r in message.rows)
        summary = f"{len(message.rows)} nodes, {total:,} parameters"
        view.update(Text(summary + "\n" + card_text(message.card or {})))
        table.focus()
