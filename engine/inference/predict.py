"""Batched inference with the shipped models: one result dict per input, in input order.

A bad input never stops the others: its result has `error` set and every other field
None. Problems with the model itself (missing, tampered) or the provider raise
`ModelFileError` / `ProviderError` instead, because no input can be answered then.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dltutor.engine.functions import softmax
from dltutor.engine.inference.cards import load_vocab
from dltutor.engine.inference.image import ImageInputError, prepare_image
from dltutor.engine.inference.runtime import LoadedModel, get_model

MAX_TEXT_CHARS = 10_000
BATCH = 256

IMAGE_FIELDS = ("label", "index", "prob", "top", "notes")
TEXT_FIELDS = ("label", "index", "prob", "top", "tokens", "unknown_tokens")


class TextInputError(ValueError):
    """A text that cannot be classified, with a message for the person who gave it."""


def probabilities(logits: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, in float64 (what results report)."""
    return softmax(np.asarray(logits, dtype=np.float64))


def _fill_top(result: dict[str, Any], probs: np.ndarray, labels: list[str], k: int) -> None:
    """The k most likely classes into `result`, the first one also as its label."""
    order = np.argsort(-probs, kind="stable")[: max(1, k)]
    top = [{"label": labels[i], "index": int(i), "prob": float(probs[i])} for i in order]
    result.update(label=top[0]["label"], index=top[0]["index"], prob=top[0]["prob"], top=top)


def _failed(source: str, error: str, fields: Sequence[str]) -> dict[str, Any]:
    return {"input": source, **dict.fromkeys(fields), "error": error}


def _ordered(results: list[dict[str, Any]], fields: Sequence[str]) -> list[dict[str, Any]]:
    """Same keys in the same order for every result (failed ones with None)."""
    keys = ["input", *fields]
    return [
        {
            **{k: r.get(k) for k in keys},
            **{k: v for k, v in r.items() if k not in keys and k != "error"},
            "error": r.get("error"),
        }
        for r in results
    ]


def _check_task(loaded: LoadedModel, task: str) -> None:
    if loaded.card["task"] != task:
        from dltutor.engine.zoo import MODELS

        fitting = [n for n, s in MODELS.items() if s.task == task]
        kind = loaded.card["task"]
        article = "an" if kind[:1] in "aeiou" else "a"
        raise ValueError(
            f"model {loaded.name} is {article} {kind} model; for this use {' or '.join(fitting)}"
        )


# -- images ------------------------------------------------------------------------------
def image_settings(card: dict[str, Any]) -> dict[str, Any]:
    pre = card["preprocessing"]
    return {
        "size": tuple(pre.get("size", (28, 28))),
        "margin": float(pre.get("margin", 0.04)),
        "invert": pre.get("invert", "auto"),
        "method": pre.get("method", "fit"),
    }


def image_batch(arrays: list[np.ndarray], card: dict[str, Any]) -> np.ndarray:
    """Stack prepared [0, 1] images into the model's input (N, 1, H, W), scaled as trained."""
    pre = card["preprocessing"]
    x = np.stack(arrays).astype(np.float32)[:, None, :, :]
    scale, shift = float(pre.get("scale", 1.0)), float(pre.get("shift", 0.0))
    if scale != 1.0 or shift != 0.0:
        x = x * np.float32(scale) + np.float32(shift)
    return x


def classify_images(
    sources: Sequence[Any],
    model: str = "fashion-cnn",
    provider: str = "auto",
    top_k: int = 3,
    directory: str | Path | None = None,
    keep_arrays: bool = False,
) -> list[dict[str, Any]]:
    """Top-k classes for every image (path, bytes or PIL image), one run for all of them."""
    loaded = get_model(model, provider, directory)
    _check_task(loaded, "image-classification")
    card = loaded.card
    settings = image_settings(card)
    results: list[dict[str, Any]] = []
    good: list[tuple[int, np.ndarray]] = []
    for i, source in enumerate(sources):
        name = str(source) if isinstance(source, (str, Path)) else f"input {i + 1}"
        try:
            prepared = prepare_image(source, **settings)
        except ImageInputError as error:
            results.append(_failed(name, str(error), IMAGE_FIELDS))
            continue
        results.append({"input": name, "notes": prepared.notes, "error": None})
        if keep_arrays:
            results[-1]["array"] = prepared.array
        good.append((i, prepared.array))
    if good:
        x = image_batch([a for _, a in good], card)
        logits = loaded.run_batched(x, output="logits", batch_size=BATCH)
        for (i, _), p in zip(good, probabilities(logits), strict=True):
            _fill_top(results[i], p, card["labels"], top_k)
    return _ordered(results, IMAGE_FIELDS)


# -- text ----------------------------------------------------------------------------------
def model_tokenizer(loaded: LoadedModel):
    """The model's tokenizer, rebuilt from its vocabulary file once and kept with the session."""
    from dltutor.engine.text.tokenizers import _Tokenizer

    if loaded.tokenizer is None:
        loaded.tokenizer = _Tokenizer.from_dict(load_vocab(loaded.card, loaded.path.parent))
    return loaded.tokenizer


def check_text(text: str) -> str:
    if not isinstance(text, str):
        raise TextInputError("not a text")
    if "\x00" in text:
        raise TextInputError("the text contains NUL bytes (a binary file?)")
    if not text.strip():
        raise TextInputError("empty text: give a sentence to classify")
    if len(text) > MAX_TEXT_CHARS:
        raise TextInputError(
            f"text too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}): "
            "give one sentence or paragraph per line"
        )
    return text


def classify_texts(
    texts: Sequence[str],
    model: str = "sst2-rnn",
    provider: str = "auto",
    directory: str | Path | None = None,
    top_k: int = 2,
) -> list[dict[str, Any]]:
    """Sentiment (or any text classifier) for every text, batched."""
    loaded = get_model(model, provider, directory)
    _check_task(loaded, "text-classification")
    card = loaded.card
    pre = card["preprocessing"]
    tok = model_tokenizer(loaded)
    maxlen = int(pre["maxlen"])
    results: list[dict[str, Any]] = []
    good: list[tuple[int, list[int]]] = []
    for i, text in enumerate(texts):
        shown = text if len(text) <= 80 else text[:77] + "..."
        try:
            check_text(text)
            ids = tok.encode(text)
            if not ids:
                raise TextInputError("no words in the text (only spaces or symbols?)")
        except TextInputError as error:
            results.append(_failed(shown, str(error), TEXT_FIELDS))
            continue
        ids = ids[:maxlen] if pre.get("truncating", "post") == "post" else ids[-maxlen:]
        unknown = sum(1 for t in ids if t == 1)
        results.append(
            {"input": shown, "tokens": len(ids), "unknown_tokens": unknown, "error": None}
        )
        good.append((i, ids))
    labels = card["labels"]
    # a model trained on one padded length sees exactly that; a masked one any length
    fixed = isinstance(card["input"]["shape"][1], int) or pre.get("fixed_length", False)
    pad_after = pre.get("padding", "post") == "post"
    for start in range(0, len(good), BATCH):
        chunk = good[start : start + BATCH]
        width = maxlen if fixed else max(len(ids) for _, ids in chunk)
        x = np.zeros((len(chunk), width), dtype=np.int64)
        for row, (_, ids) in enumerate(chunk):
            if pad_after:
                x[row, : len(ids)] = ids
            else:
                x[row, width - len(ids) :] = ids
        logits = loaded.run({loaded.input_names[0]: x}, ["logits"])[0]
        for (i, _), p in zip(chunk, probabilities(logits), strict=True):
            _fill_top(results[i], p, labels, top_k)
    return _ordered(results, TEXT_FIELDS)


# -- generation ------------------------------------------------------------------------------
def generate(
    prompt: str = "\n",
    length: int = 300,
    temperature: float = 0.8,
    seed: int | None = None,
    model: str = "shakespeare-char",
    provider: str = "auto",
    directory: str | Path | None = None,
) -> Iterator[str]:
    """Characters sampled one at a time (the recurrent state carried between runs).

    Every check (length, temperature, seed, model, task) runs on the call itself, not on
    the first `next()`, so a caller learns of a bad request before it shows any output.
    """
    if length < 0:
        raise ValueError(f"length must be >= 0, got {length}")
    if not temperature > 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    if seed is not None and seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    loaded = get_model(model, provider, directory)
    _check_task(loaded, "text-generation")
    tok = model_tokenizer(loaded)
    if len(loaded.session.get_inputs()) < 2:
        raise ValueError(f"model {model} was exported without state inputs; rebuild it")
    return _sample(loaded, tok, prompt, length, temperature, np.random.default_rng(seed))


def _sample(
    loaded: LoadedModel,
    tok: Any,
    prompt: str,
    length: int,
    temperature: float,
    rng: np.random.Generator,
) -> Iterator[str]:
    ids = tok.encode(prompt or "\n") or [1]
    session = loaded.session
    state_inputs = list(session.get_inputs()[1:])
    state = {
        i.name: np.zeros([1 if not isinstance(d, int) else d for d in i.shape], np.float32)
        for i in state_inputs
    }
    in_name = loaded.input_names[0]
    out_names = ["logits", *[o.name for o in session.get_outputs()[1:]]]
    x = np.asarray([ids], dtype=np.int64)
    vocab = tok.vocab
    for _ in range(length):
        outs = session.run(out_names, {in_name: x, **state})
        logits = outs[0][0, -1].astype(np.float64)
        state = {i.name: o for i, o in zip(state_inputs, outs[1:], strict=True)}
        logits[:2] = -np.inf  # never sample padding or unknown
        p = probabilities(logits / temperature)
        nxt = int(rng.choice(len(p), p=p))
        yield vocab[nxt]
        x = np.asarray([[nxt]], dtype=np.int64)
