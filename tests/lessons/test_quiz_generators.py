"""Every generator, drawn 200 times: the key is right and the only right choice, it agrees
with an independent computation from what the prompt says, and the explanation's numbers
(signs included) agree with it, in both languages."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pytest

from dltutor.lessons.quiz.generators import GENERATORS, by_id, generators_for
from dltutor.lessons.quiz.generators.base import fmt
from dltutor.lessons.quiz.generators.evaluation import ema
from dltutor.lessons.quiz.grading import grade
from dltutor.lessons.quiz.model import Question
from dltutor.lessons.quiz.presentation import present

DRAWS = 200
NUMBER = re.compile(r"[−-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[−-]?\d+(?:\.\d+)?")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def numbers(text: str) -> list[float]:
    """Every number in a text; a minus sign counts only when it touches the digits."""
    return [float(x.replace("−", "-").replace(",", "")) for x in NUMBER.findall(text)]


def draws(gen_id: str) -> list[Question]:
    return [by_id(gen_id).make(np.random.default_rng(seed)) for seed in range(DRAWS)]


def _num(pattern: str, text: str) -> float:
    return float(re.search(pattern, text).group(1).replace(",", "").replace("−", "-"))


def _tuple(text: str) -> tuple[int, ...]:
    return tuple(int(v) for v in text.split(",") if v.strip())


N = r"(-?\d[\d,]*(?:\.\d+)?)"  # a number as the prompts write it


# --- independent answers, read from the English prompt --------------------------------------


def _perceptron(p: str) -> float:
    w1, w2, b = _num(r"w₁ = " + N, p), _num(r"w₂ = " + N, p), _num(r"b = " + N, p)
    x1, x2 = (int(v) for v in re.search(r"x = \((\d), (\d)\)", p).groups())
    return float(w1 * x1 + w2 * x2 + b > 0)


def _dense(p: str) -> float:
    n_in, units = _num(r"takes " + N + " inputs", p), _num(r"has " + N + " units", p)
    return n_in * units + units


def _softmax(p: str) -> float:
    k = int(_num(r"element " + N, p)) - 1
    x = np.array(_tuple(re.search(r"x = \(([^)]*)\)", p).group(1)), dtype=float)
    return float(np.exp(x[k]) / np.exp(x).sum())


def _iterations(p: str) -> float:
    n, batch = _num(r"has " + N + " samples", p), _num(r"size is " + N, p)
    epochs = _num(r"for " + N + " epochs", p) if "epochs" in p else 1
    return math.ceil(n / batch) * epochs


def _softmax_loss_grad(p: str) -> float:
    n = _num(r"N = " + N, p)
    y = [float(v) for v in re.search(r"y = \(([^)]*)\)", p).group(1).split(",")]
    t = _tuple(re.search(r"t = \(([^)]*)\)", p).group(1))
    j = int(_num(r"∂L/∂a" + N, p)) - 1
    return (y[j] - t[j]) / n


def _momentum(p: str) -> float:
    lr, w = _num("η = " + N, p), _num("starts at w = " + N, p)
    g1, g2 = (float(v) for v in re.search(r"are (-?[\d.]+) and (-?[\d.]+)", p).groups())
    v = -lr * g1
    w += v
    v = 0.9 * v - lr * g2
    return w + v


def _adam(p: str) -> float:
    lr, w0, g = (
        _num(r"learning rate " + N, p),
        _num(r"from w = " + N, p),
        _num("gradient is " + N, p),
    )
    m_hat, v_hat = 0.1 * g / (1 - 0.9), 0.001 * g * g / (1 - 0.999)
    return w0 - lr * m_hat / (math.sqrt(v_hat) + 1e-7)


def _init_std(p: str) -> float:
    n = _num(r"with " + N + " inputs", p)
    return math.sqrt((2 if "ReLU" in p else 1) / n)


def _dropout(p: str) -> float:
    rate, x = _num(r"(?:rate|ratio) " + N, p), _num(r"outputs " + N, p)
    if "Inverted" in p:
        return x / (1 - rate) if "During training" in p else x
    return x * (1 - rate)


def _precision_recall(p: str) -> float:
    tp, fp = _num(N + " true positives", p), _num(N + " false positives", p)
    fn = _num(N + " false negatives", p)
    return tp / (tp + fn) if "recall" in p else tp / (tp + fp)


def _kfold(p: str) -> float:
    n, k = _num(N + " samples", p), _num(r"K = " + N, p)
    if "repeated" in p:
        return k * _num(r"repeated " + N, p)
    return n - n / k if "each of the K models" in p else n / k


def _ema(p: str) -> float:
    series = [float(v) for v in re.search(r"reads ([\d., ]+?)\. ", p).group(1).split(",")]
    return ema(series, _num(r"factor " + N, p))[-1]


def _conv_output(p: str) -> float:
    _, h, _ = _tuple(re.search(r"= \(([\d, ]+)\)", p).group(1))
    fh = _num(N + r"×\d+ filters", p)
    pad, stride = _num(r"P = " + N, p), _num(r"S = " + N, p)
    return (h + 2 * pad - fh) / stride + 1


def _conv_params(p: str) -> float:
    f, k = _num(r"with " + N + " filters", p), _num(r"of size " + N, p)
    return (k * k * _num(r"with " + N + " channels", p) + 1) * f


def _gradcam(p: str) -> float:
    if "2×2 map" in p:
        values = [float(v) for v in re.search(r"values (.*?)\. What", p).group(1).split(",")]
        return sum(values) / len(values)
    a1, a2 = _num("α₁ = " + N, p), _num("α₂ = " + N, p)
    x1, x2 = _num("A₁ = " + N, p), _num("A₂ = " + N, p)
    return max(a1 * x1 + a2 * x2, 0.0)


def _stacked(p: str) -> float:
    depth, c = _num(N + " stacked", p), _num(r"has " + N + " input", p)
    return depth * 9 * c * c if "stacked 3×3 layers have" in p else (2 * depth + 1) ** 2 * c * c


def _embedding(p: str) -> float:
    if "Flatten" in p:
        vocab, dim = (float(v) for v in re.search(r"Embedding\((\d+), (\d+)\)", p).groups())
        return vocab * dim + _num(r"sequences of " + N, p) * dim + 1
    return _num(r"vocabulary of " + N, p) * _num(r"vectors of " + N, p)


def _rnn(p: str) -> float:
    name, units = re.search(r"A (\w+)\((\d+)\)", p).groups()
    d, u = _num(r"with " + N + " features", p), int(units)
    gates, biases = {"SimpleRNN": (1, 1), "LSTM": (4, 1), "GRU": (3, 2)}[name]
    return gates * (d * u + u * u + biases * u)


def _separable(p: str) -> float:
    k = _num(N + "×", p)
    c_in, c_out = _num(r"turns " + N, p), _num(r"into " + N, p)
    return k * k * c_in + c_in * c_out


def _temperature(p: str) -> float:
    probs = np.array([float(v) for v in re.search(r"p = \(([^)]*)\)", p).group(1).split(",")])
    q = probs ** (1 / _num(r"T = " + N, p))
    return float(q[int(_num(r"character " + N + r"\?", p)) - 1] / q.sum())


def _vae(p: str) -> float:
    mu, log_var, eps = _num("μ = " + N, p), _num("log σ² = " + N, p), _num("ε = " + N, p)
    return mu + math.exp(0.5 * log_var) * eps


NUMERIC: dict[str, Callable[[str], float]] = {
    "01-gen-perceptron-output": _perceptron,
    "02-gen-dense-params": _dense,
    "02-gen-softmax": _softmax,
    "03-gen-iterations": _iterations,
    "04-gen-softmax-loss-grad": _softmax_loss_grad,
    "05-gen-momentum": _momentum,
    "05-gen-adam-step": _adam,
    "06-gen-init-std": _init_std,
    "07-gen-dropout-scaling": _dropout,
    "08-gen-kfold": _kfold,
    "08-gen-precision-recall": _precision_recall,
    "09-gen-ema": _ema,
    "10-gen-conv-output": _conv_output,
    "10-gen-conv-params": _conv_params,
    "11-gen-gradcam": _gradcam,
    "12-gen-stacked-convs": _stacked,
    "13-gen-embedding-params": _embedding,
    "14-gen-rnn-params": _rnn,
    "15-gen-separable-params": _separable,
    "16-gen-temperature": _temperature,
    "16-gen-vae-sample": _vae,
}


# --- which choices are right, judged from the English prompt --------------------------------


def _right_broadcast(q: Question) -> set[str]:
    a, b = (_tuple(s) for s in re.findall(r"shape \(([^)]*)\)", q.text["en"].prompt))
    try:
        return {str(np.broadcast_shapes(a, b))}
    except ValueError:
        return {"an error: the shapes do not broadcast"}


def _right_gate(q: Question) -> set[str]:
    p = q.text["en"].prompt
    w, b = _num(r"w₂ = " + N, p), _num(r"b = " + N, p)
    table = tuple(int(w * x1 + w * x2 + b > 0) for x1, x2 in ((0, 0), (1, 0), (0, 1), (1, 1)))
    gates = {(0, 0, 0, 1): "AND", (0, 1, 1, 1): "OR", (1, 1, 1, 0): "NAND", (1, 0, 0, 0): "NOR"}
    return {gates[table]}


def _right_affine(q: Question) -> set[str]:
    p = q.text["en"].prompt
    n, d = _tuple(re.search(r"shape \(([^)]*)\)", p).group(1))
    m = int(_num(r"has " + N + " units", p))
    which = re.search(r"shape of (d\w)\?", p).group(1)
    return {str({"dX": (n, d), "dW": (d, m), "db": (m,)}[which])}


def _right_pool(q: Question) -> set[str]:
    p = q.text["en"].prompt
    c, h, w = _tuple(re.search(r"= \(([\d, ]+)\)", p).group(1))
    k, s = _num(N + r"×\d+ max", p), _num(r"stride " + N, p)
    return {str((c, int((h - k) // s + 1), int((w - k) // s + 1)))}


def _right_head(q: Question) -> set[str]:
    p = q.text["en"].prompt
    softmax_any = {
        "softmax + categorical_crossentropy",
        "softmax + sparse_categorical_crossentropy",
    }
    if "positive or negative" in p:  # one sigmoid unit, or a (redundant) two-unit softmax
        return {"sigmoid + binary_crossentropy"} | softmax_any
    if "one-hot" in p:
        return {"softmax + categorical_crossentropy"}
    if "integer" in p:
        return {"softmax + sparse_categorical_crossentropy"}
    if "every label" in p:
        return {"sigmoid + binary_crossentropy"}
    assert "price" in p
    return {"no activation (linear) + mse"}


SINGLE: dict[str, Callable[[Question], set[str]]] = {
    "00-gen-broadcast": _right_broadcast,
    "01-gen-gate": _right_gate,
    "04-gen-affine-shapes": _right_affine,
    "09-gen-last-layer": _right_head,
    "10-gen-pool-output": _right_pool,
}


# --- the tests ------------------------------------------------------------------------------


def test_every_lesson_01_to_16_has_a_generator() -> None:
    assert len(GENERATORS) >= 24
    assert len({g.id for g in GENERATORS}) == len(GENERATORS)
    assert {f"{i:02d}" for i in range(1, 17)} <= {g.lesson for g in GENERATORS}
    assert {g.lesson for g in generators_for("10")} == {"10"}
    assert set(NUMERIC) | set(SINGLE) == {g.id for g in GENERATORS}, "a generator has no oracle"


@pytest.mark.parametrize("gen", GENERATORS, ids=lambda g: g.id)
def test_draws_are_well_formed_and_fresh(gen) -> None:
    questions = draws(gen.id)
    for q in questions:
        assert (q.generated, q.id, q.lesson, q.section) == (True, gen.id, gen.lesson, gen.section)
        assert q.type in ("numeric", "single")
        for lang in ("en", "ja"):
            words = q.wording(lang)
            assert words.prompt and len(words.explanation) > 40
        assert JAPANESE.search(q.text["ja"].prompt) and JAPANESE.search(q.text["ja"].explanation)
        assert grade(q, q.answer).correct
        if q.type == "single":
            for lang in ("en", "ja"):
                choices = q.text[lang].choices
                assert len(choices) >= 4 and len(set(choices)) == len(choices), choices
            assert len(q.text["en"].choices) == len(q.text["ja"].choices)
        else:
            assert math.isfinite(q.answer)
    fresh = {(q.text["en"].prompt, q.text["en"].choices) for q in questions}
    assert len(fresh) > 10, "fresh numbers (or choices) each time"
    again = gen.make(np.random.default_rng(5))
    assert again.text == questions[5].text and again.answer == questions[5].answer


@pytest.mark.parametrize("gen_id", sorted(SINGLE))
def test_the_key_is_the_only_right_choice(gen_id: str) -> None:
    judge = SINGLE[gen_id]
    for q in draws(gen_id):
        right = [i for i, text in enumerate(q.text["en"].choices) if text in judge(q)]
        assert right == [q.answer], (q.text["en"].prompt, q.text["en"].choices)


@pytest.mark.parametrize("gen_id", sorted(NUMERIC))
def test_the_key_agrees_with_an_independent_computation(gen_id: str) -> None:
    oracle = NUMERIC[gen_id]
    for q in draws(gen_id):
        expected = oracle(q.text["en"].prompt)
        assert abs(q.answer - expected) <= q.tolerance / 2 + 1e-9, q.text["en"].prompt


@pytest.mark.parametrize("gen_id", sorted(NUMERIC))
def test_explanations_state_the_answer_with_its_sign(gen_id: str) -> None:
    for q in draws(gen_id):
        for lang in ("en", "ja"):
            found = numbers(q.text[lang].explanation)
            assert any(abs(v - q.answer) <= max(q.tolerance, 1e-6) for v in found), (
                lang,
                q.answer,
                q.text[lang].explanation,
            )


@pytest.mark.parametrize("gen_id", sorted(SINGLE))
def test_explanations_name_the_right_shape(gen_id: str) -> None:
    for q in draws(gen_id):
        key = q.text["en"].choices[q.answer]
        if re.search(r"\d", key) or gen_id == "01-gen-gate":
            for lang in ("en", "ja"):
                assert key in q.text[lang].explanation, (lang, key, q.text[lang].explanation)


def test_adam_step_states_eta_g_over_abs_g_with_the_sign_of_g() -> None:
    for q in draws("05-gen-adam-step"):
        p = q.text["en"].prompt
        lr, g = _num(r"learning rate " + N, p), _num("gradient is " + N, p)
        for lang in ("en", "ja"):
            stated = _num(r"η·g/\|g\| = " + N, q.text[lang].explanation)
            assert stated == math.copysign(lr, g)


def test_softmax_loss_gradient_is_negative_only_for_the_right_class() -> None:
    for q in draws("04-gen-softmax-loss-grad"):
        t = _tuple(re.search(r"t = \(([^)]*)\)", q.text["en"].prompt).group(1))
        j = int(_num(r"∂L/∂a" + N, q.text["en"].prompt)) - 1
        assert (q.answer < 0) == (t[j] == 1)


def test_iterations_ask_for_batches_that_do_not_divide() -> None:
    prompts = [q.text["en"].prompt.replace(",", "") for q in draws("03-gen-iterations")]
    uneven = [p for p in prompts if _num(r"has (\d+) samples", p) % _num(r"size is (\d+)", p)]
    assert 0 < len(uneven) < len(prompts)


def test_numbers_read_signs_only_when_they_touch() -> None:
    assert numbers("w = 0.5 − 0.01 = 0.49, then −0.2 and (-3), 1,024 items") == [
        0.5,
        0.01,
        0.49,
        -0.2,
        -3.0,
        1024.0,
    ]
    assert fmt(-0.00001) == "0" and fmt(2.50) == "2.5"


def test_generated_choices_shuffle_and_grade() -> None:
    q = by_id("09-gen-last-layer").make(np.random.default_rng(1))
    shown = present(q, "ja", seed=3)
    assert grade(q, shown.parse(shown.letter(q.answer))).correct


def test_generator_sections_exist_in_written_lessons() -> None:
    from dltutor.lessons.catalog import get_lesson

    for gen in GENERATORS:
        lesson = get_lesson(gen.lesson, "en")
        assert lesson.section(gen.section), f"{gen.id}: no section {gen.section!r}"


def test_declaring_a_generator_twice_or_under_another_lesson_fails() -> None:
    from dltutor.lessons.quiz.generators.base import generator

    with pytest.raises(ValueError, match="declared twice"):
        generator("10-gen-conv-output", lesson="10", section="pooling", summary="x")(
            lambda rng: None
        )
    with pytest.raises(ValueError, match="must start with '07-gen-'"):
        generator("10-gen-other", lesson="07", section="dropout", summary="x")
