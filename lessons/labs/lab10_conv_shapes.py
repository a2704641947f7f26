"""10-conv-shapes: OH = (H + 2P − FH)/S + 1, checked against the engine's Conv2D, with the
feature maps of two edge filters on a digit."""

from __future__ import annotations

import numpy as np

from dltutor.engine.layers import Conv2D, MaxPooling2D
from dltutor.lessons.words import Words

from ._common import digits
from .base import Frame, Images, Lab, LabError, Table, int_knob


def out_size(h: int, f: int, s: int, p: int) -> float:
    return (h + 2 * p - f) / s + 1


def edge_kernels(f: int) -> np.ndarray:
    """(f, f, 1, 2): a vertical and a horizontal edge detector (Keras layout KH, KW, C, F)."""
    ramp = np.linspace(-1, 1, f)
    vertical = np.tile(ramp, (f, 1))
    return np.stack([vertical, vertical.T], axis=-1)[:, :, None, :].astype(np.float32)


WORDS = Words(
    "lab 10-conv-shapes",
    {
        "en": {
            "lab_title": "Convolution output-shape explorer",
            "lab_summary": (
                "Change input size, filter, stride and padding; see OH = (H + 2P − FH)/S "
                "+ 1 and the maps."
            ),
            "knob_size": "Input height and width H.",
            "knob_filter": "Filter size FH (= FW).",
            "knob_stride": "Stride S.",
            "knob_pad": "Zero padding P.",
            "knob_channels": "Input channels C.",
            "knob_filters": "Number of filters FN (output channels).",
            "input_shape": "input (N, C, H, W)",
            "engine": "engine Conv2D output",
            "pool": "after 2×2 max pooling",
            "params": "parameters FH·FW·C·FN + FN",
            "im2col": "im2col matrix",
            "table": "shapes",
            "input": "input",
            "vertical": "vertical edges",
            "horizontal": "horizontal edges",
            "images": ("{h}×{h} input → two {f}×{f} filters, stride {s}, pad {p} → {oh}×{oh} maps"),
            "message": (
                "Output {oh}×{oh}: padding keeps the size, stride shrinks it; the "
                "engine's Conv2D agrees ({eh}×{ew})."
            ),
        },
        "ja": {
            "lab_title": "畳み込みの出力サイズを調べる",
            "lab_summary": (
                "入力サイズ・フィルター・ストライド・パディングを変えて、"
                "OH = (H + 2P − FH)/S + 1 と特徴マップを見ます。"
            ),
            "knob_size": "入力の高さと幅 H。",
            "knob_filter": "フィルターのサイズ FH（= FW）。",
            "knob_stride": "ストライド S。",
            "knob_pad": "ゼロパディング P。",
            "knob_channels": "入力チャンネル数 C。",
            "knob_filters": "フィルターの数 FN（出力チャンネル数）。",
            "input_shape": "入力 (N, C, H, W)",
            "engine": "エンジンの Conv2D の出力",
            "pool": "2×2 の Max プーリング後",
            "params": "パラメータ数 FH·FW·C·FN + FN",
            "im2col": "im2col の行列",
            "table": "形状",
            "input": "入力",
            "vertical": "縦のエッジ",
            "horizontal": "横のエッジ",
            "images": (
                "{h}×{h} の入力 → {f}×{f} のフィルター 2 枚、ストライド {s}、"
                "パディング {p} → {oh}×{oh} のマップ"
            ),
            "message": (
                "出力は {oh}×{oh} です。パディングは大きさを保ち、ストライドは小さくします。"
                "エンジンの Conv2D の結果とも一致します（{eh}×{ew}）。"
            ),
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    h, f, s, p = knobs["size"], knobs["filter"], knobs["stride"], knobs["pad"]
    c, fn = knobs["channels"], knobs["filters"]
    raw = out_size(h, f, s, p)
    if raw < 1:
        raise LabError(
            f"the filter ({f}) is larger than the padded input ({h}+2·{p}); nothing to slide over"
        )
    if not float(raw).is_integer():
        raise LabError(
            f"(H + 2P − FH)/S + 1 = ({h} + 2·{p} − {f})/{s} + 1 = {raw:.2f} is not a whole number: "
            "choose a stride or padding that fits"
        )
    oh = int(raw)
    conv = Conv2D(fn, f, strides=s, padding=p)
    shape = conv.output_shape((None, c, h, h))
    pool = MaxPooling2D(2)
    pooled = pool.output_shape(shape) if oh >= 2 else None
    params = f * f * c * fn + fn
    rows = [
        [txt["input_shape"], f"(N, {c}, {h}, {h})"],
        ["OH = (H + 2P − FH)/S + 1", f"({h} + 2·{p} − {f})/{s} + 1 = {oh}"],
        [txt["engine"], str(tuple(shape))],
        [txt["pool"], str(tuple(pooled)) if pooled else "-"],
        [txt["params"], f"{f}·{f}·{c}·{fn} + {fn} = {params}"],
        [txt["im2col"], f"(N·{oh}·{oh}, {f * f * c})"],
    ]
    yield Frame(step=1, total=2, plots=[Table(txt["table"], ["", ""], rows)], metrics={"out_h": oh})
    # the two edge filters on a digit scaled up to the chosen size
    x, _ = digits()
    img = x[int(rng.integers(0, len(x)))].reshape(8, 8)
    idx = np.minimum((np.arange(h) * 8) // h, 7)
    big = img[np.ix_(idx, idx)][None, None].astype(np.float32)
    demo = Conv2D(2, f, strides=s, padding=p, use_bias=False)
    demo.build((None, 1, h, h), rng)
    demo.params["kernel"][...] = edge_kernels(f)
    maps = demo.forward(big)
    items = [
        (txt["input"], big[0, 0]),
        (txt["vertical"], maps[0, 0]),
        (txt["horizontal"], maps[0, 1]),
    ]
    yield Frame(
        step=2,
        total=2,
        final=True,
        plots=[
            Table(txt["table"], ["", ""], rows),
            Images(
                txt["images"].format(h=h, f=f, s=s, p=p, oh=oh),
                items,
                size=min(24, max(h, 8)),
            ),
        ],
        metrics={
            "out_h": oh,
            "out_w": int(shape[3]),
            "engine_out_h": int(shape[2]),
            "params": params,
            "pooled_h": int(pooled[2]) if pooled else 0,
        },
        message=txt["message"].format(oh=oh, eh=shape[2], ew=shape[3]),
    )


LAB = Lab(
    id="10-conv-shapes",
    lesson="10",
    words=WORDS,
    knobs=(
        int_knob("size", 28, 3, 64),
        int_knob("filter", 5, 1, 11),
        int_knob("stride", 1, 1, 4),
        int_knob("pad", 0, 0, 5),
        int_knob("channels", 1, 1, 16),
        int_knob("filters", 30, 1, 128),
    ),
    run_fn=run,
)
