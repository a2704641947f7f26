"""`dltutor infer image|text` and `dltutor generate`: the shipped models on your own inputs.

Exit codes: 0 all inputs answered, 1 at least one input failed (or the model is unusable),
2 usage error (unknown model, provider not installed, bad option). Never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from dltutor.tui.cli.common import (
    Json,
    Lang,
    emit_json,
    fail,
    require_model,
    require_provider,
    resolve_lang,
)
from dltutor.tui.cli.words import INFER as WORDS

infer_app = typer.Typer(
    help="Run the shipped models on your own images and sentences (ONNX Runtime).",
    no_args_is_help=True,
    add_completion=False,
)
app = typer.Typer(add_completion=False)  # merged into the root app: `infer ...`, `generate`
app.add_typer(infer_app, name="infer")

Provider = Annotated[
    str,
    typer.Option(
        "--provider",
        metavar="auto|cpu|cuda",
        help="Execution provider: auto (CUDA when present), cpu or cuda.",
    ),
]


def _usage_guard(model: str, provider: str) -> None:
    """Unknown model or missing provider: usage errors (exit 2), before any input is read."""
    require_model(model)
    require_provider(provider)


def _load_error(error: Exception) -> NoReturn:
    """A model that cannot serve the command: exit 1 (bad file) or 2 (wrong kind of model)."""
    from dltutor.engine.inference.cards import ModelFileError

    if isinstance(error, ModelFileError):
        fail(str(error), code=1)
    if isinstance(error, ValueError):  # wrong kind of model for the command
        fail(str(error), code=2)
    raise error


def _bar(p: float, width: int = 24) -> str:
    """A probability as a bar of full blocks and dots."""
    full = int(round(p * width))
    return "█" * full + "·" * (width - full)


RAMP = " .:-=+*#%@"


def image_renderable(array, title: str = "", color: bool = True):
    """The model's input drawn with half blocks: two pixel rows per terminal line
    (without colour, NO_COLOR: a character ramp, one character per pair of rows)."""
    from rich.text import Text

    a = (array.clip(0, 1) * 255).astype(int)
    h, w = a.shape
    scale = 2 if w <= 16 else 1  # 8x8 digits drawn twice as wide
    text = Text()
    if not color:
        for y in range(0, h, 2):
            pair = a[y : y + 2].mean(axis=0)
            text.append("".join(RAMP[int(v * (len(RAMP) - 1) / 255)] * scale for v in pair) + "\n")
        if title:
            text.append(title)
        return text
    for y in range(0, h, 2):
        for x in range(w):
            top = a[y, x]
            bottom = a[y + 1, x] if y + 1 < h else 0
            cell = "▀" * scale
            text.append(cell, style=f"rgb({top},{top},{top}) on rgb({bottom},{bottom},{bottom})")
        text.append("\n")
    if title:
        text.append(title, style="dim")
    return text


def _print_image_result(console, result: dict, show: bool, lang: str) -> None:
    from rich.columns import Columns
    from rich.table import Table
    from rich.text import Text

    if result["error"]:
        console.print(Text(f"✗ {result['error']}", style="red"))
        return
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("label")
    table.add_column("bar")
    table.add_column("p", justify="right")
    for i, entry in enumerate(result["top"]):
        style = "bold green" if i == 0 else ""
        table.add_row(
            Text(entry["label"], style=style), _bar(entry["prob"]), f"{entry['prob'] * 100:5.1f}%"
        )
    console.print(Text(result["input"], style="bold"))
    if show and result.get("array") is not None:
        h, w = result["array"].shape
        color = console.color_system is not None and not console.no_color
        picture = image_renderable(result["array"], WORDS.get(lang, "model_input", w=w, h=h), color)
        console.print(Columns([picture, table], padding=(0, 3)))
    else:
        console.print(table)
    for note in result.get("notes") or []:
        console.print(Text(f"  · {note}", style="dim"))


@infer_app.command("image")
def infer_image(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Image files.")],
    model: Annotated[
        str,
        typer.Option(
            "--model",
            "-m",
            metavar="NAME",
            help="mnist-cnn (the default: a photo or drawing of one digit, handwritten or "
            "printed), fashion-cnn (a piece of clothing) or digits-cnn (8x8 digits).",
        ),
    ] = "mnist-cnn",
    provider: Provider = "auto",
    top_k: Annotated[
        int, typer.Option("--top-k", "-k", min=1, max=10, help="Classes to show.")
    ] = 3,
    show: Annotated[bool, typer.Option("--show", help="Draw the model's actual input.")] = False,
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Classify images: digits by default (mnist-cnn), clothes with --model fashion-cnn.

    Digits are prepared the way MNIST was made (lighting removed, ink found, fitted into
    20x20 and centred by mass in 28x28); --show draws what the network sees."""
    language = resolve_lang(lang)
    _usage_guard(model, provider)
    from dltutor.engine.inference.predict import classify_images

    try:
        results = classify_images(
            paths, model=model, provider=provider, top_k=top_k, keep_arrays=show
        )
    except Exception as error:  # model problems: one clear line
        _load_error(error)
    if as_json:
        emit_json([{k: v for k, v in r.items() if k != "array"} for r in results])
    else:
        from rich.console import Console

        console = Console()
        for r in results:
            _print_image_result(console, r, show, language)
    if any(r["error"] for r in results):
        raise typer.Exit(1)


def _read_texts(text: str | None, file: Path | None, lang: str) -> list[str]:
    """The texts to classify: TEXT, the lines of --file, or the lines piped on stdin."""

    def usage(key: str, **values: object) -> NoReturn:
        fail(WORDS.get(lang, key, file=file, **values), code=2)

    if text is not None and file is not None:
        usage("text_and_file")
    if file is not None:
        try:
            raw = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
        except FileNotFoundError:
            usage("no_file")
        except IsADirectoryError:
            usage("a_folder")
        except OSError as error:
            usage("unreadable", error=error.strerror)
        if len(raw) > 50_000_000:
            usage("too_large")
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            usage("not_utf8")
        lines = content.splitlines()
        if not lines:
            usage("empty")
        return lines
    if text is None:
        if sys.stdin is not None and not sys.stdin.isatty():
            lines = sys.stdin.read().splitlines()
            if lines:
                return lines
        usage("no_text")
    return [text]


@infer_app.command("text")
def infer_text(
    text: Annotated[str | None, typer.Argument(metavar="TEXT", help="A sentence.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="One text per line ('-' = stdin).")
    ] = None,
    model: Annotated[
        str, typer.Option("--model", "-m", metavar="NAME", help="sst2-rnn.")
    ] = "sst2-rnn",
    provider: Provider = "auto",
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Sentiment of English sentences (positive / negative), many at once."""
    language = resolve_lang(lang)
    _usage_guard(model, provider)
    texts = _read_texts(text, file, language)
    from dltutor.engine.inference.predict import classify_texts

    try:
        results = classify_texts(texts, model=model, provider=provider)
    except Exception as error:
        _load_error(error)
    if as_json:
        emit_json(results)
    else:
        from rich.console import Console
        from rich.text import Text

        console = Console()
        for r in results:
            if r["error"]:
                shown = r["input"] if len(r["input"]) <= 30 else r["input"][:27] + "..."
                console.print(Text(f"✗ {shown!r}: {r['error']}", style="red"))
                continue
            colour = "green" if r["label"] == "positive" else "red"
            line = Text()
            line.append(f"{r['label']:>8} ", style=f"bold {colour}")
            line.append(f"{_bar(r['prob'], 12)} {r['prob'] * 100:5.1f}%  ")
            line.append(r["input"])
            console.print(line)
    if any(r["error"] for r in results):
        raise typer.Exit(1)


def _temperature(value: float) -> float:
    """A range check that also names NaN (a plain range would call NaN "above 10")."""
    if not 0.01 <= value <= 10.0:  # False for NaN too
        raise typer.BadParameter(f"use a number from 0.01 to 10, got {value}")
    return value


@app.command("generate")
def generate(
    prompt: Annotated[
        str,
        typer.Option("--prompt", "-p", show_default="ROMEO:\\n", help="Text to start from."),
    ] = "ROMEO:\n",
    length: Annotated[
        int, typer.Option("--length", "-n", min=1, max=100_000, help="Characters to generate.")
    ] = 400,
    temperature: Annotated[
        float,
        typer.Option(
            "--temperature",
            "-t",
            callback=_temperature,
            help="0.01 to 10: low = predictable, high = surprising.",
        ),
    ] = 0.8,
    seed: Annotated[
        int | None, typer.Option("--seed", min=0, help="Seed for repeatable samples.")
    ] = None,
    model: Annotated[
        str, typer.Option("--model", "-m", metavar="NAME", help="shakespeare-char.")
    ] = "shakespeare-char",
    provider: Provider = "auto",
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Write Shakespeare-like text one character at a time (streams as it samples)."""
    language = resolve_lang(lang)
    _usage_guard(model, provider)
    from dltutor.engine.inference.predict import generate as sample

    if len(prompt) > 10_000:
        fail(WORDS.get(language, "long_prompt"), code=2)
    out: list[str] = []
    try:
        # every check (model file, task, values) runs here, before anything is printed
        stream = sample(prompt, length, temperature, seed, model=model, provider=provider)
        if not as_json:
            sys.stdout.write(prompt)
            sys.stdout.flush()
        for ch in stream:
            out.append(ch)
            if not as_json:
                sys.stdout.write(ch)
                sys.stdout.flush()
    except Exception as error:
        _load_error(error)
    if as_json:
        emit_json(
            {
                "prompt": prompt,
                "text": "".join(out),
                "length": len(out),
                "temperature": temperature,
                "seed": seed,
                "model": model,
                "error": None,
            }
        )
    else:
        sys.stdout.write("\n")
