"""16-temperature: sampling characters with a softmax temperature.

Uses the shipped `shakespeare-char` model when it is installed; otherwise trains a tiny
character model (a window of previous characters → MLP) on a built-in public-domain passage
in a second or two, which is enough to show what temperature does.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dltutor.engine.functions import softmax
from dltutor.engine.layers import Dense, Embedding, Flatten
from dltutor.engine.training import EpochRecord
from dltutor.lessons.words import Words

from ._common import sequential
from .base import Curves, Frame, Lab, Table, TextSamples, choice_knob, float_knob, int_knob

# Public domain: Shakespeare, Sonnet 18 and Hamlet III.i.
PASSAGE = (
    "Shall I compare thee to a summer's day? Thou art more lovely and more temperate: "
    "rough winds do shake the darling buds of May, and summer's lease hath all too short a date; "
    "sometime too hot the eye of heaven shines, and often is his gold complexion dimm'd; "
    "and every fair from fair sometime declines, by chance or nature's changing course untrimm'd; "
    "but thy eternal summer shall not fade, nor lose possession of that fair thou ow'st; "
    "nor shall death brag thou wander'st in his shade, when in eternal lines to time thou grow'st: "
    "so long as men can breathe or eyes can see, so long lives this, and this gives life to thee. "
    "To be, or not to be, that is the question: whether 'tis nobler in the mind to suffer "
    "the slings and arrows of outrageous fortune, or to take arms against a sea of troubles "
    "and by opposing end them. To die: to sleep; no more; and by a sleep to say we end "
    "the heart-ache and the thousand natural shocks that flesh is heir to, 'tis a consummation "
    "devoutly to be wish'd. To die, to sleep; to sleep: perchance to dream: ay, there's the rub; "
    "for in that sleep of death what dreams may come when we have shuffled off this mortal coil, "
    "must give us pause."
)
TEMPERATURES = (0.2, 0.5, 1.0, 1.5)


def reweight(logits: np.ndarray, temperature: float) -> np.ndarray:
    """softmax(logits / T): T < 1 sharpens, T > 1 flattens (T → 0 is argmax)."""
    return softmax(logits / max(temperature, 1e-6))


def entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


class TinyCharModel:
    """Previous `context` characters → embedding → tanh layer → next-character logits."""

    def __init__(self, text: str, context: int, epochs: int, rng: np.random.Generator) -> None:
        self.chars = sorted(set(text))
        self.index = {c: i + 1 for i, c in enumerate(self.chars)}  # 0 = start padding
        ids = np.array([self.index[c] for c in text])
        padded = np.concatenate([np.zeros(context, int), ids])
        x = np.stack([padded[i : i + context] for i in range(len(ids))]).astype(np.float32)
        y = ids - 1
        self.context = context
        seed = int(rng.integers(0, 2**31 - 1))
        self.model = sequential(
            [
                Embedding(len(self.chars) + 1, 16),
                Flatten(),
                Dense(128, activation="tanh"),
                Dense(len(self.chars)),
            ],
            (context,),
            seed,
            "softmax_cross_entropy",
            "adam",
            0.01,
        )
        self.losses: list[float] = []
        self._fit = self.model.fit(x, y, epochs=epochs, batch_size=64, seed=seed)

    def train(self):
        for record in self._fit:
            if isinstance(record, EpochRecord):
                self.losses.append(float(record.loss))
                yield record

    def sampler(
        self,
    ) -> tuple[Callable[[list[int]], np.ndarray], Callable[[str], list[int]], list[str]]:
        def step(history: list[int]) -> np.ndarray:
            window = ([0] * self.context + history)[-self.context :]
            return self.model.forward(np.array([window], dtype=np.float32))[0].astype(np.float64)

        def encode(text: str) -> list[int]:
            return [self.index[c] for c in text if c in self.index]

        return step, encode, self.chars


def shipped_sampler():
    """(step, encode, vocab) over the shipped ONNX model, or None when it is not installed."""
    try:
        from dltutor.engine.inference.cards import installed_cards

        if "shakespeare-char" not in installed_cards():
            return None
        from dltutor.engine.inference.predict import model_tokenizer
        from dltutor.engine.inference.runtime import get_model

        loaded = get_model("shakespeare-char", "cpu")
        tok = model_tokenizer(loaded)
    except Exception:  # noqa: BLE001 - any problem with the artefact: fall back to the tiny model
        return None
    session = loaded.session
    state_inputs = list(session.get_inputs()[1:])
    if not state_inputs:
        return None
    in_name = loaded.input_names[0]
    out_names = ["logits", *[o.name for o in session.get_outputs()[1:]]]
    vocab = list(tok.vocab)
    cache: dict[str, object] = {}

    def step(history: list[int]) -> np.ndarray:
        # feed only the characters not yet seen; the recurrent state carries the rest
        seen = cache.get("seen", 0)
        if seen == 0 or seen > len(history):
            cache["state"] = {
                i.name: np.zeros([1 if not isinstance(d, int) else d for d in i.shape], np.float32)
                for i in state_inputs
            }
            seen = 0
        new = history[seen:] or history[-1:]
        outs = session.run(
            out_names, {in_name: np.asarray([new], dtype=np.int64), **cache["state"]}
        )
        cache["state"] = {i.name: o for i, o in zip(state_inputs, outs[1:], strict=True)}
        cache["seen"] = len(history)
        logits = outs[0][0, -1].astype(np.float64)
        logits[:2] = -np.inf  # never padding or unknown
        return logits

    def encode(text: str) -> list[int]:
        return tok.encode(text)

    def reset() -> None:
        cache.clear()

    step.reset = reset  # type: ignore[attr-defined]
    return step, encode, vocab


WORDS = Words(
    "lab 16-temperature",
    {
        "en": {
            "lab_title": "Softmax temperature in text generation",
            "lab_summary": (
                "Sample the same model at several temperatures: predictable at 0.2, "
                "surprising at 1.5."
            ),
            "knob_temperature": "An extra temperature to try with 0.2, 0.5, 1.0, 1.5.",
            "knob_length": "Characters per sample.",
            "knob_prompt": "How each sample starts.",
            "knob_model": "shipped Shakespeare model, the tiny one, or auto.",
            "knob_epochs": "Epochs for the tiny model (when used).",
            "training": "training the tiny model on a built-in passage",
            "loss": "loss",
            "epoch": "epoch",
            "no_model": "no shipped Shakespeare model: training a tiny character model first",
            "tiny": "tiny model trained on a built-in passage",
            "shipped": "shipped shakespeare-char model",
            "samples": "samples ({source})",
            "table": "temperature",
            "entropy": "mean entropy (nats)",
            "distinct": "distinct words",
            "done": (
                "Low temperature repeats the most likely characters (safe, repetitive); "
                "high temperature flattens the distribution (surprising, with more "
                "spelling errors)."
            ),
            "step": "sampled at T={t:g}",
        },
        "ja": {
            "lab_title": "文章生成とソフトマックスの温度",
            "lab_summary": (
                "同じモデルから温度を変えてサンプリングします。0.2 では予測どおり、"
                "1.5 では意外な文章になります。"
            ),
            "knob_temperature": "0.2・0.5・1.0・1.5 に加えて試す温度。",
            "knob_length": "1 つのサンプルの文字数。",
            "knob_prompt": "サンプルの書き出し。",
            "knob_model": "付属のシェイクスピアモデル、小さなモデル、または自動。",
            "knob_epochs": "小さなモデルのエポック数（使う場合）。",
            "training": "組み込みの文章で小さなモデルを学習しています",
            "loss": "損失",
            "epoch": "エポック",
            "no_model": "付属のシェイクスピアモデルがないので、まず小さな文字モデルを学習します",
            "tiny": "組み込みの文章で学習した小さなモデル",
            "shipped": "付属の shakespeare-char モデル",
            "samples": "生成例（{source}）",
            "table": "温度",
            "entropy": "平均エントロピー（nat）",
            "distinct": "異なる単語の割合",
            "done": (
                "温度が低いと、最も確率の高い文字を繰り返します（無難ですが単調です）。"
                "温度が高いと分布が平らになります（意外性が増しますが、綴りの誤りも増えます）。"
            ),
            "step": "T={t:g} でサンプリングしました",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    length, prompt = knobs["length"], knobs["prompt"]
    shipped = None if knobs["model"] == "tiny" else shipped_sampler()
    if knobs["model"] == "shipped" and shipped is None:
        from ._common import missing_model

        raise missing_model("shakespeare-char")
    if shipped is None:
        tiny = TinyCharModel(PASSAGE.lower(), 8, knobs["epochs"], rng)
        for record in tiny.train():
            yield Frame(
                step=record.epoch,
                total=knobs["epochs"] + len(TEMPERATURES),
                plots=[
                    Curves(
                        txt["training"],
                        {txt["loss"]: list(tiny.losses)},
                        xlabel=txt["epoch"],
                    )
                ],
                metrics={"loss": float(record.loss)},
                message=txt["no_model"],
                record=record,
            )
        step, encode, vocab = tiny.sampler()
        offset = 1  # tiny model: output k is character id k + 1
        source = txt["tiny"]
        start = knobs["epochs"]
    else:
        step, encode, vocab = shipped
        offset = 0
        source = txt["shipped"]
        start = 0
    temps = sorted(set(TEMPERATURES) | {knobs["temperature"]})
    samples, rows, metrics = [], [], {}
    entropies: dict[str, list[float]] = {}
    prompt_ids = encode(prompt.lower() if offset else prompt) or encode(" ")
    for k, t in enumerate(temps):
        if hasattr(step, "reset"):
            step.reset()
        history = list(prompt_ids)
        text, ents = [], []
        for _ in range(length):
            logits = step(history)
            p = reweight(logits, t)
            ents.append(entropy(p))
            nxt = int(rng.choice(len(p), p=p))
            history.append(nxt + offset)
            text.append(vocab[nxt])
        generated = "".join(text)
        words = generated.split()
        distinct = len(set(words)) / max(len(words), 1)
        samples.append((f"T={t:g}", prompt + generated))
        entropies[f"T={t:g}"] = ents
        metrics[f"entropy_T{t:g}"] = float(np.mean(ents))
        metrics[f"distinct_words_T{t:g}"] = distinct
        rows.append([f"{t:g}", f"{np.mean(ents):.2f}", f"{distinct:.0%}"])
        yield Frame(
            step=start + k + 1,
            total=start + len(temps),
            plots=[
                TextSamples(txt["samples"].format(source=source), list(samples)),
                Table(txt["table"], ["T", txt["entropy"], txt["distinct"]], list(rows)),
            ],
            metrics=dict(metrics),
            final=k == len(temps) - 1,
            message=txt["done"] if k == len(temps) - 1 else txt["step"].format(t=t),
        )


LAB = Lab(
    id="16-temperature",
    lesson="16",
    words=WORDS,
    knobs=(
        float_knob("temperature", 0.8, 0.05, 3.0),
        int_knob("length", 120, 10, 2000),
        choice_knob("prompt", "To be", ("To be", "Shall I", "ROMEO:", "The ")),
        choice_knob("model", "auto", ("auto", "shipped", "tiny")),
        int_knob("epochs", 20, 1, 300),
    ),
    run_fn=run,
    quick={"length": 80, "epochs": 15, "model": "tiny"},
)
