"""15-ensemble: several models trained from different seeds, their probabilities averaged."""

from __future__ import annotations

import numpy as np

from dltutor.engine.functions import softmax
from dltutor.engine.layers import Dense
from dltutor.lessons.words import Words

from ._common import digits, sequential
from .base import Curves, Frame, Lab, Table, int_knob

WORDS = Words(
    "lab 15-ensemble",
    {
        "en": {
            "lab_title": "An ensemble of small models",
            "lab_summary": (
                "Train a few small nets on bootstrap samples and average their probabilities."
            ),
            "knob_models": "Members of the ensemble.",
            "knob_epochs": "Epochs per model.",
            "knob_hidden": "Hidden units per model (small = weak, diverse).",
            "knob_train_size": "Training samples.",
            "model": "model {i}",
            "curve": "test accuracy as models join",
            "single": "single model",
            "ensemble": "ensemble average",
            "models": "models",
            "table": "members",
            "model_col": "model",
            "its_acc": "its accuracy",
            "so_far": "ensemble so far",
            "done": (
                "Averaging the probabilities of models that make different mistakes "
                "beats the typical single model: diversity matters more than any one "
                "member's strength."
            ),
            "step": "model {i} trained",
        },
        "ja": {
            "lab_title": "小さなモデルのアンサンブル",
            "lab_summary": (
                "ブートストラップ標本で小さなネットワークをいくつか学習し、確率を平均します。"
            ),
            "knob_models": "アンサンブルのモデル数。",
            "knob_epochs": "各モデルのエポック数。",
            "knob_hidden": "各モデルの隠れ層のユニット数（小さいほど弱く、多様になる）。",
            "knob_train_size": "訓練データ数。",
            "model": "モデル {i}",
            "curve": "モデルを加えていったときのテスト正解率",
            "single": "単体のモデル",
            "ensemble": "アンサンブルの平均",
            "models": "モデル数",
            "table": "メンバー",
            "model_col": "モデル",
            "its_acc": "単体の正解率",
            "so_far": "ここまでのアンサンブル",
            "done": (
                "異なる間違い方をするモデルの確率を平均すると、"
                "典型的な単体のモデルより良くなります。どれか 1 つの強さよりも、"
                "多様性のほうが重要です。"
            ),
            "step": "モデル {i} を学習しました",
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    x, y = digits()
    order = rng.permutation(len(x))
    n = knobs["train_size"]
    tr, te = order[:n], order[n : n + 800]
    members = knobs["models"]
    probs, accs, agree_rows = [], [], []
    ens_curve: list[float] = []
    for m in range(members):
        seed = int(rng.integers(0, 2**31 - 1))
        model = sequential(
            [Dense(knobs["hidden"], activation="relu"), Dense(10)],
            64,
            seed,
            "softmax_cross_entropy",
            "adam",
            0.01,
        )
        # each member also sees a different bootstrap sample: diversity helps the average
        boot = rng.choice(tr, size=len(tr), replace=True)
        for _ in model.fit(x[boot], y[boot], epochs=knobs["epochs"], batch_size=32, seed=seed):
            pass
        p = softmax(model.predict(x[te]))
        probs.append(p)
        accs.append(float((p.argmax(1) == y[te]).mean()))
        mean_p = np.mean(probs, axis=0)
        ens_acc = float((mean_p.argmax(1) == y[te]).mean())
        ens_curve.append(ens_acc)
        agree_rows.append([txt["model"].format(i=m + 1), f"{accs[-1]:.1%}", f"{ens_acc:.1%}"])
        yield Frame(
            step=m + 1,
            total=members,
            plots=[
                Curves(
                    txt["curve"],
                    {txt["single"]: list(accs), txt["ensemble"]: list(ens_curve)},
                    xlabel=txt["models"],
                ),
                Table(
                    txt["table"],
                    [txt["model_col"], txt["its_acc"], txt["so_far"]],
                    list(agree_rows),
                ),
            ],
            metrics={
                "ensemble_acc": ens_acc,
                "best_single_acc": max(accs),
                "mean_single_acc": float(np.mean(accs)),
                "members": m + 1,
            },
            final=m == members - 1,
            message=txt["done"] if m == members - 1 else txt["step"].format(i=m + 1),
        )


LAB = Lab(
    id="15-ensemble",
    lesson="15",
    words=WORDS,
    knobs=(
        int_knob("models", 5, 2, 20),
        int_knob("epochs", 10, 1, 100),
        int_knob("hidden", 16, 2, 256),
        int_knob("train_size", 300, 50, 1000),
    ),
    run_fn=run,
    quick={"models": 3, "epochs": 6},
)
