"""11-feature-maps: inside the shipped Fashion-MNIST CNN — first-layer filters, feature maps
layer by layer, and a Grad-CAM heat map of what decided the class."""

from __future__ import annotations

import numpy as np

from dltutor.engine.data import FASHION_CLASS_NAMES
from dltutor.engine.functions import softmax
from dltutor.engine.visualize import grad_cam
from dltutor.lessons.words import Words

from ._common import class_name, fashion_subset, load_shipped
from .base import Frame, Images, Lab, Table, choice_knob, int_knob


def sample_image(index: int, rng) -> tuple[np.ndarray, int | None]:
    data = fashion_subset(10, 200)
    if data is not None:
        _, _, xte, yte = data
        i = index % len(xte)
        return xte[i : i + 1], int(yte[i])
    # no data set: a synthetic "trouser" silhouette is still a valid input
    img = np.zeros((1, 1, 28, 28), np.float32)
    img[0, 0, 3:26, 8:13] = 0.8
    img[0, 0, 3:26, 15:20] = 0.8
    img[0, 0, 3:8, 8:20] = 0.8
    return img, None


WORDS = Words(
    "lab 11-feature-maps",
    {
        "en": {
            "lab_title": "Feature maps and Grad-CAM of the shipped CNN",
            "lab_summary": (
                "See the filters, the maps of each layer and a class-activation heat map "
                "for one image."
            ),
            "knob_index": "Which Fashion-MNIST test image.",
            "knob_maps": "Maps shown per layer.",
            "knob_model": "Shipped model to look into.",
            "loaded": "loaded {name}",
            "filters": "first-layer filters",
            "maps": "{name}: {n} maps of {h}×{w} ({blank:.0%} blank)",
            "synthetic": "synthetic",
            "images": "input ({truth}) and Grad-CAM for '{pred}'",
            "input": "input",
            "overlay": "overlay",
            "table": "prediction",
            "class": "class",
            "probability": "probability",
            "message": (
                "Early maps keep the outline (edges, textures); deeper maps are smaller "
                "and more abstract, and some stay blank: their pattern is absent. "
                "Grad-CAM weighs the last maps by how much they raised the winning class."
            ),
        },
        "ja": {
            "lab_title": "付属の CNN の特徴マップと Grad-CAM",
            "lab_summary": (
                "1 枚の画像について、"
                "フィルター・各層の特徴マップ・クラス活性化ヒートマップを見ます。"
            ),
            "knob_index": "Fashion-MNIST のテスト画像の番号。",
            "knob_maps": "各層で表示するマップの数。",
            "knob_model": "調べる付属のモデル。",
            "loaded": "{name} を読み込みました",
            "filters": "第 1 層のフィルター",
            "maps": "{name}：{h}×{w} のマップ {n} 枚（{blank:.0%} は空）",
            "synthetic": "合成画像",
            "images": "入力（{truth}）と「{pred}」の Grad-CAM",
            "input": "入力",
            "overlay": "重ね合わせ",
            "table": "予測",
            "class": "クラス",
            "probability": "確率",
            "message": (
                "浅い層のマップは輪郭（エッジや質感）を保ち、深い層ほど小さく抽象的になります。"
                "空のままのマップもありますが、それはその模様が画像にないためです。Grad-CAM は、"
                "予測されたクラスのスコアをどれだけ押し上げたかで最後のマップを重み付けします。"
            ),
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    model, card = load_shipped(knobs["model"])
    labels = [class_name(name, lang) for name in card.get("labels") or FASHION_CLASS_NAMES]
    yield Frame(step=1, total=3, message=txt["loaded"].format(name=card["name"]))
    x, truth = sample_image(knobs["index"], rng)
    acts = model.layer_outputs(x)
    probs = softmax(acts[-1][1][0].astype(np.float64))
    pred = int(np.argmax(probs))
    convs = [(name, a) for name, a in acts if a.ndim == 4]
    first_conv = next(layer for layer in model.layers if type(layer).__name__ == "Conv2D")
    kern = first_conv.params["kernel"]
    filters = Images(
        txt["filters"],
        [(f"f{i}", kern[:, :, 0, i]) for i in range(min(8, kern.shape[3]))],
        signed=True,
        size=6,
    )
    n = knobs["maps"]
    layer_plots = []
    blank = {}
    for name, a in convs:
        if not name.lower().startswith(("re_lu", "relu")):
            continue
        maps = a[0]
        blank[name] = float((maps.reshape(len(maps), -1).max(axis=1) <= 1e-6).mean())
        layer_plots.append(
            Images(
                txt["maps"].format(
                    name=name, n=maps.shape[0], h=maps.shape[1], w=maps.shape[2], blank=blank[name]
                ),
                [(str(i), maps[i]) for i in range(min(n, len(maps)))],
                size=10,
            )
        )
    yield Frame(step=2, total=3, plots=[filters, *layer_plots])
    cam = grad_cam(model, x, pred)
    idx = np.minimum((np.arange(28) * cam.shape[0]) // 28, cam.shape[0] - 1)
    cam_big = cam[np.ix_(idx, idx)]
    top = np.argsort(probs)[::-1][:3]
    rows = [[labels[i], f"{probs[i]:.1%}"] for i in top]
    yield Frame(
        step=3,
        total=3,
        final=True,
        plots=[
            Images(
                txt["images"].format(
                    truth=labels[truth] if truth is not None else txt["synthetic"],
                    pred=labels[pred],
                ),
                [
                    (txt["input"], x[0, 0]),
                    ("Grad-CAM", cam_big),
                    (txt["overlay"], x[0, 0] * (0.3 + 0.7 * cam_big)),
                ],
                size=20,
            ),
            filters,
            *layer_plots,
            Table(txt["table"], [txt["class"], txt["probability"]], rows),
        ],
        metrics={
            "predicted": pred,
            "true": truth if truth is not None else -1,
            "confidence": float(probs[pred]),
            "cam_peak": float(cam.max()),
            **{f"blank_{k}": v for k, v in blank.items()},
        },
        message=txt["message"],
    )


LAB = Lab(
    id="11-feature-maps",
    lesson="11",
    words=WORDS,
    knobs=(
        int_knob("index", 0, 0, 9999),
        int_knob("maps", 8, 1, 64),
        choice_knob("model", "fashion-cnn", ("fashion-cnn", "digits-cnn")),
    ),
    run_fn=run,
    needs=("fashion-cnn model",),
)
