"""`dltutor models list | info NAME | verify | bench [NAME] | train NAME`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

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
from dltutor.tui.cli.words import MODELS as WORDS

models_app = typer.Typer(
    help="The shipped ONNX models: list, inspect, verify, benchmark, rebuild.",
    no_args_is_help=True,
    add_completion=False,
)
app = typer.Typer(add_completion=False)  # merged into the root app: `models ...`
app.add_typer(models_app, name="models")


def _status(name: str) -> tuple[dict[str, Any] | None, str]:
    """The model's card (when it can be read) and "ok" or "error: ..." for its file."""
    from dltutor.engine.inference.cards import ModelFileError, load_card, verify_model

    try:
        verify_model(name)
        return load_card(name), "ok"
    except ModelFileError as error:
        try:
            return load_card(name), f"error: {error}"
        except ModelFileError:
            return None, f"error: {error}"


def _metric_text(card: dict[str, Any] | None, lang: str) -> str:
    """The card's target metric on its test split, or "-" when there is none."""
    if not card:
        return "-"
    target = card.get("target") or {}
    key = target.get("metric")
    value = (card.get("metrics") or {}).get(key)
    if value is None:
        return "-"
    return f"{key} {value:.4f}" if key != "accuracy" else WORDS.get(lang, "accuracy", value=value)


@models_app.command("list")
def list_models(lang: Lang = None, as_json: Json = False) -> None:
    """The shipped models, their task, test metric and file status."""
    language = resolve_lang(lang)
    from dltutor.engine.zoo import MODELS

    rows, cards = [], []
    for name, spec in MODELS.items():
        card, status = _status(name)
        cards.append(card)
        known = card or {}
        rows.append(
            {
                "name": name,
                "task": spec.task,
                "dataset": spec.dataset,
                "split": known.get("dataset", {}).get("split", spec.split),
                "metric": spec.metric,
                "value": (known.get("metrics") or {}).get(spec.metric),
                "target": spec.target,
                "params": known.get("params"),
                "bytes": known.get("bytes"),
                "status": status,
            }
        )
    if as_json:
        emit_json(rows)
        return
    from rich.console import Console
    from rich.table import Table

    columns = ("col_model", "col_task", "col_metric", "col_params", "col_size", "col_status")
    table = Table(*(WORDS.get(language, key) for key in columns), box=None, header_style="bold")
    for r, card in zip(rows, cards, strict=True):
        size = f"{r['bytes'] / 1e6:.2f} MB" if r["bytes"] else "-"
        params = f"{r['params']:,}" if r["params"] else "-"
        if r["status"] == "ok":
            status = f"[green]{WORDS.get(language, 'ok')}[/]"
        elif "missing" in r["status"]:
            status = f"[yellow]{WORDS.get(language, 'not_built')}[/]"
        else:
            status = f"[red]{WORDS.get(language, 'damaged')}[/]"
        table.add_row(r["name"], r["task"], _metric_text(card, language), params, size, status)
    Console().print(table)


@models_app.command("info")
def info(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Model name (see `models list`).")],
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """The model's graph (each op, output shape, parameters) and its card."""
    language = resolve_lang(lang)
    require_model(name)
    from dltutor.engine.inference.cards import ModelFileError, model_path, verify_model
    from dltutor.engine.inference.graph import graph_rows

    try:
        card, path = verify_model(name)
        rows = graph_rows(path)
    except ModelFileError as error:
        fail(str(error), code=1)
    except Exception as error:  # a file that matches its card but is no ONNX model
        first = str(error).splitlines()[0]
        fail(WORDS.get(language, "no_graph", path=path, error=first, name=name), code=1)
    if as_json:
        emit_json({"card": card, "graph": [asdict(row) for row in rows]})
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{name}[/] — {escape(str(card.get('summary', '')))}")
    inp = card["input"]
    outputs = ", ".join(f"[cyan]{o['name']}[/] {o['shape']}" for o in card["outputs"])
    entry = f"[cyan]{inp['name']}[/] {inp.get('dtype')} {inp['shape']}"
    console.print(WORDS.get(language, "io", input=entry, outputs=outputs))
    columns = ("#", WORDS.get(language, "col_op"), WORDS.get(language, "col_node"))
    table = Table(
        *columns,
        WORDS.get(language, "col_shape"),
        WORDS.get(language, "col_params"),
        box=None,
        header_style="bold",
    )
    for i, r in enumerate(rows, 1):
        shape = "×".join(str(d) for d in r.shape) if r.shape else "?"
        table.add_row(str(i), r.op, r.name, shape, f"{r.params:,}" if r.params else "")
    console.print(table)
    total = sum(r.params for r in rows)
    statistics = sum(r.statistics for r in rows)
    console.print(
        WORDS.get(language, "weights", total=total, params=card["params"])
        + (WORDS.get(language, "statistics", n=statistics) if statistics else "")
    )
    ds = card["dataset"]
    metrics = ", ".join(f"{k} {v}" for k, v in card["metrics"].items())
    licence = ds.get("licence", "?")
    console.print(
        WORDS.get(language, "data", name=ds.get("name"), split=ds.get("split"), licence=licence)
    )
    console.print(WORDS.get(language, "metrics", metrics=metrics))
    if card.get("labels"):
        console.print(WORDS.get(language, "labels", labels=", ".join(card["labels"])))
    pre = card.get("preprocessing", {})
    if pre.get("description"):
        console.print(WORDS.get(language, "preprocessing", text=pre["description"]))
    where = escape(str(model_path(card)))
    size, sha = card["bytes"], card["sha256"][:16]
    console.print(WORDS.get(language, "file", path=where, size=size, sha=sha))
    console.print(
        WORDS.get(
            language,
            "rebuilt",
            command=card["command"],
            version=card["engine_version"],
            parity=card.get("parity_max_abs_diff", "?"),
        )
    )


@models_app.command("verify")
def verify(lang: Lang = None, as_json: Json = False) -> None:
    """Check every model: sha256 against its card, onnx.checker, ONNX Runtime loads it."""
    language = resolve_lang(lang)
    import onnx

    from dltutor.engine.inference.cards import ModelFileError, verify_model
    from dltutor.engine.inference.runtime import session_from_bytes
    from dltutor.engine.zoo import MODELS

    results = []
    for name in MODELS:
        entry: dict[str, Any] = {
            "name": name,
            "sha256": None,
            "checker": None,
            "runtime": None,
            "error": None,
        }
        try:
            card, path = verify_model(name)
            entry["sha256"] = card["sha256"]
            onnx.checker.check_model(str(path), full_check=True)
            entry["checker"] = "ok"
            session_from_bytes(path.read_bytes())
            entry["runtime"] = "ok"
        except ModelFileError as error:
            entry["error"] = str(error)
        except Exception as error:  # checker / runtime failures, reported in one line
            entry["error"] = f"{type(error).__name__}: {str(error).splitlines()[0]}"
        results.append(entry)
    if as_json:
        emit_json(results)
    else:
        from rich.console import Console
        from rich.markup import escape

        console = Console(highlight=False)
        for r in results:
            if r["error"]:
                console.print(f"[red]✗[/] {r['name']}: {escape(r['error'])}")
            else:
                console.print(f"[green]✓[/] {r['name']}: {WORDS.get(language, 'verified')}")
    if any(r["error"] for r in results):
        raise typer.Exit(1)


def _bench_inputs(card: dict[str, Any], batch: int, rng: Any) -> Any:
    """Random inputs of the card's shape: token ids below the vocabulary, or floats in [0, 1)."""
    import numpy as np

    inp = card["input"]
    dims = list(inp["shape"][1:])
    if inp.get("dtype") == "int64":
        vocab = int(card.get("vocab_size") or 50)
        length = next((d for d in dims if isinstance(d, int)), 32)
        return rng.integers(2, max(3, vocab), (batch, length)).astype(np.int64)
    return rng.random((batch, *[int(d) for d in dims]), dtype=np.float32)


def _timings(fn: Callable[[], object], repeat: int, budget: float) -> list[float]:
    """Seconds per call of `fn`, `repeat` times or until `budget` seconds have passed."""
    out = []
    start = time.perf_counter()
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
        if time.perf_counter() - start > budget:
            break
    return out


def bench_model(name: str, provider: str = "auto", repeat: int = 50, budget: float = 6.0) -> dict:
    """p50/p95 latency at batch 1 and throughput at batch 256, ORT and the engine, same run."""
    import numpy as np

    from dltutor.engine.inference.runtime import get_model
    from dltutor.engine.onnx import engine_model_from_onnx
    from dltutor.engine.zoo.publish import state_feeds

    loaded = get_model(name, provider)
    card = loaded.card
    engine = engine_model_from_onnx(loaded.path)
    if card.get("input", {}).get("dtype") == "int64":
        emb = next((layer for layer in engine.layers if type(layer).__name__ == "Embedding"), None)
        if emb is not None:
            card = {**card, "vocab_size": int(emb.params["embeddings"].shape[0])}
    rng = np.random.default_rng(0)
    x1 = _bench_inputs(card, 1, rng)
    xb = _bench_inputs(card, 256, rng)
    session = loaded.session
    in_name = loaded.input_names[0]

    def ort_run(x):
        return session.run(["logits"], {in_name: x, **state_feeds(session, len(x))})

    ort_run(x1)
    ort_run(xb)  # warm-up
    engine.predict(x1)
    engine.predict(xb, batch_size=256)
    result: dict[str, Any] = {"name": name, "providers": loaded.providers}
    for label, fn1, fnb in (
        ("ort", lambda: ort_run(x1), lambda: ort_run(xb)),
        ("engine", lambda: engine.predict(x1), lambda: engine.predict(xb, batch_size=256)),
    ):
        lat = np.array(_timings(fn1, repeat, budget)) * 1000
        thr = _timings(fnb, max(3, repeat // 10), budget)
        result[label] = {
            "p50_ms": round(float(np.percentile(lat, 50)), 4),
            "p95_ms": round(float(np.percentile(lat, 95)), 4),
            "batch256_per_s": round(256 / float(np.median(thr)), 1),
            "runs": [len(lat), len(thr)],
        }
    result["speedup_batch1"] = round(result["engine"]["p50_ms"] / result["ort"]["p50_ms"], 2)
    result["speedup_batch256"] = round(
        result["ort"]["batch256_per_s"] / result["engine"]["batch256_per_s"], 2
    )
    return result


BENCH_FIELDS = ("providers", "ort", "engine", "speedup_batch1", "speedup_batch256")


@models_app.command("bench")
def bench(
    name: Annotated[
        str | None, typer.Argument(metavar="NAME", help="One model (default: all).")
    ] = None,
    provider: Annotated[
        str, typer.Option("--provider", metavar="auto|cpu|cuda", help="auto, cpu or cuda.")
    ] = "auto",
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Latency (batch 1, p50/p95) and throughput (batch 256): ONNX Runtime vs the engine."""
    language = resolve_lang(lang)
    from dltutor.engine.inference.cards import ModelFileError, installed_cards
    from dltutor.engine.zoo import names

    if name is not None:
        require_model(name)
    require_provider(provider)
    todo = [name] if name else [n for n in names() if n in installed_cards()]
    if not todo:
        fail(WORDS.get(language, "none_installed"), code=1)
    results = []
    for n in todo:
        try:
            results.append({**bench_model(n, provider), "error": None})
        except ModelFileError as error:
            results.append({"name": n, **dict.fromkeys(BENCH_FIELDS), "error": str(error)})
        except Exception as error:  # a model ORT loads but the engine cannot: one line
            first = f"{type(error).__name__}: {str(error).splitlines()[0]}"
            message = WORDS.get(language, "no_bench", name=n, error=first)
            results.append({"name": n, **dict.fromkeys(BENCH_FIELDS), "error": message})
    if as_json:
        emit_json(results)
    else:
        _print_bench(results, language)
    if any(r["error"] for r in results):
        raise typer.Exit(1)


def _print_bench(results: list[dict[str, Any]], lang: str) -> None:
    """A table of the models that ran, then one line per model that failed."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    engine = WORDS.get(lang, "col_engine")
    table = Table(
        WORDS.get(lang, "col_model"),
        WORDS.get(lang, "col_batch1"),
        engine,
        "×",
        WORDS.get(lang, "col_batch256"),
        engine,
        "×",
        box=None,
        header_style="bold",
    )
    for r in results:
        if r["error"]:
            continue
        o, e = r["ort"], r["engine"]
        table.add_row(
            r["name"],
            f"{o['p50_ms']:.3f} / {o['p95_ms']:.3f}",
            f"{e['p50_ms']:.3f} / {e['p95_ms']:.3f}",
            f"{r['speedup_batch1']:.1f}",
            f"{o['batch256_per_s']:,.0f}",
            f"{e['batch256_per_s']:,.0f}",
            f"{r['speedup_batch256']:.1f}",
        )
    console = Console()
    if any(not r["error"] for r in results):
        console.print(table)
        console.print(WORDS.get(lang, "speedup"))
    for r in results:  # below the table: a long message would not fit in a cell
        if r["error"]:
            console.print(f"[red]✗[/] {r['name']}: {escape(r['error'])}", highlight=False)


def _train_with_progress(
    name: str, data_dir: Path | None, out: Path | None, *, seed: int, quick: bool, lang: str
) -> dict[str, Any]:
    """`zoo.train` with a progress bar for the training steps and a line per other stage."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from dltutor.engine import zoo
    from dltutor.engine.zoo.events import ZooEvent

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[info]}"),
        TimeElapsedColumn(),
        transient=False,
    ) as bar:
        task = bar.add_task(name, total=None, info="")

        def progress(event: ZooEvent) -> None:
            if event.stage == "train" and event.steps:
                epoch, epochs = event.epoch, event.epochs
                bar.update(
                    task,
                    total=epochs * event.steps,
                    completed=(epoch - 1) * event.steps + event.step,
                    info=WORDS.get(lang, "epoch", epoch=epoch, epochs=epochs, loss=event.loss),
                )
            else:
                bar.console.print(f"[dim]{event.stage}[/] {event.message}")

        return zoo.train(name, data_dir, out, seed=seed, quick=quick, progress=progress)


@models_app.command("train")
def train(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Model to rebuild.")],
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Where the raw data is.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default: the installed models).")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed.")] = 0,
    quick: Annotated[
        bool, typer.Option("--quick", help="A few steps only (a smoke test).")
    ] = False,
    lang: Lang = None,
    as_json: Json = False,
) -> None:
    """Rebuild a model from its data: train, export to ONNX, check, write its card."""
    language = resolve_lang(lang)
    require_model(name)
    from dltutor.engine import zoo

    try:
        if as_json:
            card = zoo.train(name, data_dir, out, seed=seed, quick=quick)
        else:
            card = _train_with_progress(name, data_dir, out, seed=seed, quick=quick, lang=language)
    except FileNotFoundError as error:
        fail(str(error), code=1)
    except ModuleNotFoundError as error:
        fail(WORDS.get(language, "no_recipe", name=name, error=error), code=1)
    except KeyboardInterrupt:
        fail(WORDS.get(language, "interrupted"), code=1)
    except Exception as error:  # a recipe failure: one line, no traceback
        first = f"{type(error).__name__}: {error}"
        fail(WORDS.get(language, "train_failed", name=name, error=first), code=1)
    if as_json:
        emit_json(card)
    else:
        where = out.resolve() if out is not None else WORDS.get(language, "installed")
        typer.echo(
            WORDS.get(
                language,
                "trained",
                name=name,
                metric=_metric_text(card, language),
                split=card["dataset"]["split"],
                note=WORDS.get(language, "quick") if quick else "",
                file=card["file"],
                where=where,
            )
        )
