"""Options and output helpers every command group shares."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any, NoReturn

import typer

from dltutor.tui.locale import locale_lang


def _root_lang(ctx: typer.Context, lang: str | None) -> str | None:
    """A command's `--lang`, else the `dltutor --lang` given before the command: the root
    callback keeps that in the context's `obj`, which every command's context inherits."""
    if lang is None and isinstance(ctx.obj, dict):
        return ctx.obj.get("lang")
    return lang


Lang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="en|ja",
        help="Language of the text shown: en or ja (default: from the locale).",
        callback=_root_lang,
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print a JSON result for scripts.")]


def resolve_lang(lang: str | None) -> str:
    """The language asked for (by the command's or the root's `--lang`), else the locale's."""
    if lang is None:
        return locale_lang()
    if lang not in ("en", "ja"):
        fail(f"unknown language {lang!r}: use --lang en or --lang ja", code=2)
    return lang


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a short error (what went wrong, what to do) and exit without a traceback."""
    typer.secho(f"Error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def emit_json(data: Any) -> None:
    """Print `data` as indented JSON, non-ASCII kept readable, for scripts to parse."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def require_model(name: str) -> None:
    """An unknown model name is a usage error (exit 2), caught before any work starts."""
    from dltutor.engine.zoo import UnknownModelError, spec

    try:
        spec(name)
    except UnknownModelError as error:
        fail(str(error), code=2)


def require_provider(provider: str) -> None:
    """A provider this ONNX Runtime lacks is a usage error (exit 2), caught before any work."""
    from dltutor.engine.inference.runtime import ProviderError, resolve_providers

    try:
        resolve_providers(provider)
    except ProviderError as error:
        fail(str(error), code=2)
