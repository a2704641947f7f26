"""The shipped models: checker, sha256, engine-vs-ORT parity, metric on the split; recipes.

Per shipped model in `models_onnx/`:
- the file matches its card's sha256 and passes `onnx.checker`;
- ONNX Runtime and the engine's own forward (rebuilt from the ONNX file) agree to 1e-4;
- its metric on its split meets the target when the data is present (`require_data`).
And a smoke test runs each recipe end to end with quick=True into a tmp folder.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

from dltutor.engine.inference.cards import models_dir, verify_model  # noqa: E402
from dltutor.engine.zoo import MODELS, spec  # noqa: E402
from dltutor.engine.zoo.publish import METRICS, ort_logits  # noqa: E402

TOL = 1e-4


def _shipped(name: str) -> tuple[dict, Path]:
    return verify_model(name)


def _session(path: Path):
    return ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])


def _inputs(card: dict, engine, rng) -> np.ndarray:
    inp = card["input"]
    if inp["dtype"] == "int64":
        emb = next(layer for layer in engine.layers if type(layer).__name__ == "Embedding")
        vocab = emb.params["embeddings"].shape[0]
        length = next((d for d in inp["shape"][1:] if isinstance(d, int)), 40)
        x = rng.integers(2, vocab, (16, length)).astype(np.int64)
        if card["task"] == "text-classification":  # post-padded rows, as `infer text` sends
            for row, keep in enumerate(rng.integers(1, length, 8)):
                x[row, keep:] = 0
        return x
    shape = [int(d) for d in inp["shape"][1:]]
    x = rng.random((16, *shape), dtype=np.float32)
    return x


@pytest.mark.parametrize("name", list(MODELS))
def test_checker_and_sha256(name):
    card, path = _shipped(name)
    onnx.checker.check_model(str(path), full_check=True)
    proto = onnx.load(str(path))
    assert proto.opset_import[0].version >= 17
    assert card["bytes"] == path.stat().st_size
    assert card["task"] == spec(name).task
    assert card["command"].startswith("dltutor models train")


@pytest.mark.parametrize("name", list(MODELS))
def test_engine_and_onnx_runtime_agree(name):
    from dltutor.engine.onnx import engine_model_from_onnx

    card, path = _shipped(name)
    engine = engine_model_from_onnx(path)
    x = _inputs(card, engine, np.random.default_rng(0))
    if card["task"] == "image-classification":  # plus real-looking inputs: the samples
        from dltutor.engine.inference.image import prepare_image
        from dltutor.engine.inference.predict import image_batch, image_settings

        samples = sorted((models_dir() / "samples").glob("*.png"))
        arrays = []
        for p in samples:
            try:
                arrays.append(prepare_image(p, **image_settings(card)).array)
            except Exception:  # noqa: BLE001 - samples for the other model size
                continue
        arrays = [a for a in arrays if a.shape == tuple(card["preprocessing"]["size"])]
        if arrays:
            x = np.concatenate([x, image_batch(arrays, card)])
    got = ort_logits(_session(path), x)
    want = engine.predict(x)
    assert np.abs(got - want).max() <= TOL


def _fashion_test(require_data):
    from dltutor.engine.zoo import fashion_cnn

    try:
        data = fashion_cnn.load(None)
    except FileNotFoundError as error:
        require_data(error)
    return fashion_cnn.to_input(data["test_x"]), data["test_y"]


def _digits_test(require_data):
    from dltutor.engine.zoo import digits_cnn

    d = digits_cnn.load(0)
    return d["test_x"][:, None], d["test_y"]


def _mnist_test(require_data):
    from dltutor.engine.data import DatasetNotFoundError, load_mnist

    try:
        return load_mnist("test")  # the fixed stratified split's 1,000 test images
    except DatasetNotFoundError as error:
        require_data(error)


IMAGE_TESTS = {"fashion-cnn": _fashion_test, "digits-cnn": _digits_test, "mnist-cnn": _mnist_test}


@pytest.mark.data
@pytest.mark.parametrize("name", list(IMAGE_TESTS))
def test_image_model_meets_its_target_on_the_test_split(name, require_data):
    card, path = _shipped(name)
    x, y = IMAGE_TESTS[name](require_data)
    value = METRICS["accuracy"](ort_logits(_session(path), x), y)
    assert value >= spec(name).target
    assert abs(value - card["metrics"]["accuracy"]) < 1e-6  # the card tells the truth


def _text_data(relpath: str, require_data) -> Path:
    """A file of ../shared/datasets (the text pipeline's default location), or skip/fail."""
    from dltutor.engine.text.corpus import DataError, data_file

    try:
        return data_file(None, relpath, verify=False)
    except (DataError, OSError) as error:
        require_data(error)


@pytest.mark.data
def test_sst2_meets_its_target_on_dev(require_data):
    from dltutor.engine.inference import runtime
    from dltutor.engine.inference.predict import classify_texts

    card, _ = _shipped("sst2-rnn")
    from dltutor.engine.text.sst2 import read_tsv

    texts, labels = read_tsv(_text_data("sst2/dev.tsv", require_data))
    runtime.clear_cache()
    results = classify_texts(texts, model="sst2-rnn", provider="cpu")
    pred = np.array([r["index"] if r["index"] is not None else -1 for r in results])
    value = float(np.mean(pred == labels))
    assert value >= spec("sst2-rnn").target
    assert abs(value - card["metrics"]["accuracy"]) < 0.005


@pytest.mark.data
def test_shakespeare_meets_its_target_on_the_last_tenth(require_data):
    """Nats per character over the validation tenth, state carried across chunks."""
    from dltutor.engine.inference import runtime
    from dltutor.engine.inference.predict import model_tokenizer
    from dltutor.engine.zoo.publish import log_softmax

    _shipped("shakespeare-char")
    corpus = _text_data("tinyshakespeare/input.txt", require_data)
    text = corpus.read_text(encoding="utf-8")
    val = text[int(len(text) * 0.9) :][:20_000]
    runtime.clear_cache()
    loaded = runtime.get_model("shakespeare-char", "cpu")
    ids = np.array(model_tokenizer(loaded).encode(val), dtype=np.int64)
    session = loaded.session
    inputs = session.get_inputs()
    state = {
        i.name: np.zeros([1 if not isinstance(d, int) else d for d in i.shape], np.float32)
        for i in inputs[1:]
    }
    outs = [o.name for o in session.get_outputs()]
    total, count = 0.0, 0
    for start in range(0, len(ids) - 1, 500):
        x = ids[start : start + 500]
        y = ids[start + 1 : start + 501]
        x = x[: len(y)]
        res = session.run(outs, {inputs[0].name: x[None], **state})
        state = dict(zip([i.name for i in inputs[1:]], res[1:], strict=True))
        lp = log_softmax(res[0][0])
        total -= float(lp[np.arange(len(y)), y].sum())
        count += len(y)
    assert total / count <= spec("shakespeare-char").target


def _text_recipe(name: str):
    return importlib.import_module(f"dltutor.engine.zoo.{spec(name).module}")


@pytest.mark.parametrize(
    "name", ["fashion-cnn", "digits-cnn", "mnist-cnn", "sst2-rnn", "shakespeare-char"]
)
def test_recipe_quick_smoke(tmp_path, monkeypatch, name, require_data):
    """`models train NAME` end to end on a tiny slice: train → export → checker → parity → card."""
    from dltutor.engine import zoo

    monkeypatch.setenv("DLTUTOR_CHECKPOINT_DIR", str(tmp_path / "ckpt"))
    data_dir = None
    if name == "fashion-cnn":
        try:
            from dltutor.engine.zoo import fashion_cnn

            fashion_cnn.load(None)
        except FileNotFoundError as error:
            require_data(error)
    elif name in ("sst2-rnn", "shakespeare-char"):
        _text_recipe(name)
        _text_data(
            "sst2/train.tsv" if name == "sst2-rnn" else "tinyshakespeare/input.txt", require_data
        )
    events = []
    card = zoo.train(name, data_dir, tmp_path / "out", seed=0, quick=True, progress=events.append)
    assert card["quick"] is True
    assert card["parity_max_abs_diff"] <= TOL
    assert (tmp_path / "out" / f"{name}.onnx").is_file()
    written = json.loads((tmp_path / "out" / f"{name}.json").read_text())
    assert written["sha256"] == card["sha256"]
    assert {e.stage for e in events} >= {"train", "export", "verify"}
    onnx.checker.check_model(str(tmp_path / "out" / f"{name}.onnx"), full_check=True)
