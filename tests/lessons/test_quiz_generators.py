"""Every generator: its answer matches an independent computation, in both languages."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from dltutor.lessons.quiz.generators import GENERATORS, ema, generator, generators_for
from dltutor.lessons.quiz.grading import grade
from dltutor.lessons.quiz.presentation import present

SEEDS = range(12)


def nums(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text.replace(",", ""))]


def make(gen_id: str, seed: int):
    return generator(gen_id).make(np.random.default_rng(seed))


def test_at_least_eight_generators_with_unique_ids() -> None:
    assert len(GENERATORS) >= 8
    assert len({g.id for g in GENERATORS}) == len(GENERATORS)
    assert {g.lesson for g in generators_for("10")} == {"10"}


@pytest.mark.parametrize("gen", GENERATORS, ids=lambda g: g.id)
def test_generator_shape_and_languages(gen) -> None:
    prompts = set()
    for seed in SEEDS:
        q = gen.make(np.random.default_rng(seed))
        assert (
            q.generated and q.id == gen.id and q.lesson == gen.lesson and q.section == gen.section
        )
        assert q.type in ("numeric", "single")
        for lang in ("en", "ja"):
            words = q.wording(lang)
            assert words.prompt and len(words.explanation) > 40
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", q.text["ja"].prompt)
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", q.text["ja"].explanation)
        if q.type == "single":
            assert len(q.text["en"].choices) == len(q.text["ja"].choices) >= 2
            assert 0 <= q.answer < len(q.text["en"].choices)
        else:
            assert math.isfinite(q.answer)
        assert grade(q, q.answer).correct
        prompts.add(q.text["en"].prompt)
    assert len(prompts) > 3, "fresh numbers each time"
    # the same seed gives the same question
    assert gen.make(np.random.default_rng(5)).text == gen.make(np.random.default_rng(5)).text


def _after(text: str, key: str) -> float:
    return float(re.search(re.escape(key) + r"\s*=?\s*(-?\d+(?:\.\d+)?)", text).group(1))


def test_conv_output() -> None:
    for seed in SEEDS:
        q = make("10-gen-conv-output", seed)
        p = q.text["en"].prompt
        c, h, w = (int(v) for v in re.search(r"= \((\d+), (\d+), (\d+)\)", p).groups())
        fh = int(re.search(r"(\d+)×\d+ filters", p).group(1))
        pad, stride = int(_after(p, "P")), int(_after(p, "S"))
        assert q.answer == (h + 2 * pad - fh) // stride + 1
        assert (h + 2 * pad - fh) % stride == 0


def test_dense_params() -> None:
    for seed in SEEDS:
        q = make("02-gen-dense-params", seed)
        n_in, units = (
            int(v)
            for v in re.search(
                r"takes (\d+) inputs and has (\d+) units", q.text["en"].prompt
            ).groups()
        )
        assert q.answer == n_in * units + units


def test_conv_params() -> None:
    for seed in SEEDS:
        q = make("10-gen-conv-params", seed)
        p = q.text["en"].prompt
        f, k = (int(v) for v in re.search(r"with (\d+) filters of size (\d+)×", p).groups())
        c = int(re.search(r"with (\d+) channels", p).group(1))
        assert q.answer == (k * k * c + 1) * f


def test_iterations() -> None:
    for seed in SEEDS:
        q = make("03-gen-iterations", seed)
        p = q.text["en"].prompt.replace(",", "")
        n = int(re.search(r"has (\d+) samples", p).group(1))
        batch = int(re.search(r"size is (\d+)", p).group(1))
        epochs = int(re.search(r"for (\d+) epochs", p).group(1)) if "epochs" in p else 1
        assert q.answer == n // batch * epochs and n % batch == 0


def test_softmax() -> None:
    for seed in SEEDS:
        q = make("02-gen-softmax", seed)
        p = q.text["en"].prompt
        k = int(re.search(r"element (\d+)", p).group(1)) - 1
        x = np.array([float(v) for v in re.search(r"x = \(([^)]*)\)", p).group(1).split(",")])
        e = np.exp(x)
        assert q.answer == pytest.approx(e[k] / e.sum(), abs=0.0006)


def test_momentum() -> None:
    for seed in SEEDS:
        q = make("05-gen-momentum", seed)
        p = q.text["en"].prompt
        lr = _after(p, "η")
        w0 = float(re.search(r"starts at w = (-?\d+(?:\.\d+)?)", p).group(1))
        g1, g2 = (
            float(v) for v in re.search(r"are (-?\d+(?:\.\d+)?) and (-?\d+(?:\.\d+)?)", p).groups()
        )
        v = -lr * g1
        w = w0 + v
        v = 0.9 * v - lr * g2
        w += v
        assert q.answer == pytest.approx(w, abs=1e-4)


def test_adam_first_step() -> None:
    for seed in SEEDS:
        q = make("05-gen-adam-step", seed)
        p = q.text["en"].prompt
        lr = float(re.search(r"learning rate (\d+(?:\.\d+)?)", p).group(1))
        w0 = float(re.search(r"from w = (-?\d+(?:\.\d+)?)", p).group(1))
        g = float(re.search(r"gradient is (-?\d+(?:\.\d+)?)", p).group(1))
        m, v = 0.1 * g, 0.001 * g * g
        m_hat, v_hat = m / (1 - 0.9), v / (1 - 0.999)
        expected = w0 - lr * m_hat / (math.sqrt(v_hat) + 1e-7)
        assert q.answer == pytest.approx(expected, abs=q.tolerance / 2)
        assert abs(q.answer - w0) == pytest.approx(lr, rel=0.01)


def test_dropout_scaling() -> None:
    seen = set()
    for seed in range(30):
        q = make("07-gen-dropout-scaling", seed)
        p = q.text["en"].prompt
        rate = float(re.search(r"(?:rate|ratio) (\d+(?:\.\d+)?)", p).group(1))
        x = float(re.search(r"outputs (\d+(?:\.\d+)?)", p).group(1))
        if "Inverted" in p and "During training" in p:
            expected, kind = x / (1 - rate), "train"
        elif "Inverted" in p:
            expected, kind = x, "inverted-inference"
        else:
            expected, kind = x * (1 - rate), "dlfs-inference"
        seen.add(kind)
        assert q.answer == pytest.approx(expected, abs=1e-3)
    assert seen == {"train", "inverted-inference", "dlfs-inference"}


def test_ema() -> None:
    assert ema([1, 3], 0.5) == [1, 2]
    for seed in SEEDS:
        q = make("09-gen-ema", seed)
        p = q.text["en"].prompt
        series = [float(v) for v in re.search(r"reads ([\d., ]+?)\. ", p).group(1).split(",")]
        factor = float(re.search(r"factor (\d+(?:\.\d+)?)", p).group(1))
        s = series[0]
        for value in series[1:]:
            s = factor * s + (1 - factor) * value
        assert q.answer == pytest.approx(s, abs=1e-4)


def test_last_layer() -> None:
    truth = {
        "positive or negative": "sigmoid + binary_crossentropy",
        "one-hot": "softmax + categorical_crossentropy",
        "integer": "softmax + sparse_categorical_crossentropy",
        "every label": "sigmoid + binary_crossentropy",
        "price": "no activation (linear) + mse",
    }
    for seed in range(20):
        q = make("09-gen-last-layer", seed)
        want = next(v for k, v in truth.items() if k in q.text["en"].prompt)
        assert q.text["en"].choices[q.answer] == want
        assert len(set(q.text["en"].choices)) == len(q.text["en"].choices)


def test_init_std() -> None:
    for seed in SEEDS:
        q = make("06-gen-init-std", seed)
        p = q.text["en"].prompt
        n = int(re.search(r"with (\d+) inputs", p).group(1))
        expected = math.sqrt(2 / n) if "ReLU" in p else math.sqrt(1 / n)
        assert q.answer == pytest.approx(expected, abs=1e-5)


def test_broadcast() -> None:
    for seed in range(20):
        q = make("00-gen-broadcast", seed)
        p = q.text["en"].prompt
        a, b = (
            tuple(int(v) for v in s.split(",") if v.strip())
            for s in re.findall(r"shape \(([^)]*)\)", p)
        )
        try:
            expected = str(np.broadcast(np.empty(a), np.empty(b)).shape)
        except ValueError:
            expected = "an error: the shapes do not broadcast"
        assert q.text["en"].choices[q.answer] == expected


def test_generated_choices_shuffle_and_grade() -> None:
    q = make("09-gen-last-layer", 1)
    shown = present(q, "ja", seed=3)
    assert grade(q, shown.parse(shown.letter(q.answer))).correct


def test_generator_sections_exist_in_written_lessons() -> None:
    from dltutor.lessons.catalog import LessonError, get_lesson

    for gen in GENERATORS:
        try:
            lesson = get_lesson(gen.lesson, "en")
        except LessonError:
            continue  # the lesson is not written yet
        assert lesson.section(gen.section), (
            f"{gen.id}: no section {gen.section!r} in lesson {gen.lesson}"
        )
