"""Inference runtime: image preprocessing, providers, cards and sha256, text inputs, caching."""

from __future__ import annotations

import io
import json
import shutil
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from dltutor.engine.inference import runtime
from dltutor.engine.inference.cards import ModelFileError, verify_model
from dltutor.engine.inference.image import MAX_PIXELS, ImageInputError, prepare_image

pytest.importorskip("onnxruntime")


# -- tiny models built through the real publish step ------------------------------------------
@pytest.fixture(scope="module")
def models_dir(tmp_path_factory):
    """A models folder with a quick image model and a tiny text model (random weights)."""
    from dltutor.engine.layers import GRU, Dense, Embedding
    from dltutor.engine.model import Sequential
    from dltutor.engine.text.tokenizers import WordTokenizer
    from dltutor.engine.zoo import digits_cnn
    from dltutor.engine.zoo.publish import publish

    out = tmp_path_factory.mktemp("models")
    model = digits_cnn.build_model(0)
    x = np.random.default_rng(0).random((20, 1, 8, 8), dtype=np.float32)
    publish(
        "digits-cnn",
        model,
        out,
        **digits_cnn.card_fields(),
        dataset={"name": "random", "split": "none"},
        parity_x=x,
        eval_x=x,
        eval_y=np.arange(20) % 10,
        metric="accuracy",
        quick=True,
    )
    tok = WordTokenizer().fit(["a good film", "a bad film", "good good fun", "dull and bad"])
    text_model = Sequential([Embedding(len(tok), 4, mask_zero=True), GRU(3), Dense(2)], seed=0)
    text_model.build((None, 6))
    tokens = tok.encode_batch(["a good film", "good dull film"], 3)  # no padding
    publish(
        "sst2-rnn",
        text_model,
        out,
        task="text-classification",
        labels=["negative", "positive"],
        input_spec={"name": "tokens", "dtype": "int64", "shape": ["batch", "time"]},
        preprocessing={"kind": "text", "tokenizer": "word", "maxlen": 6, "padding": "post"},
        dataset={"name": "toy", "split": "none"},
        parity_x=tokens,
        metrics={"accuracy": 0.5},
        vocab=tok.to_dict(),
        quick=True,
    )
    return out


@pytest.fixture(autouse=True)
def _fresh_sessions():
    runtime.clear_cache()
    yield
    runtime.clear_cache()


# -- images ---------------------------------------------------------------------------------
def _save(im: Image.Image, path, **kw):
    im.save(path, **kw)
    return path


def _shirt(size=64, dark_on_light=True) -> np.ndarray:
    a = np.zeros((size, size), np.uint8)
    a[size // 4 : 3 * size // 4, size // 3 : 2 * size // 3] = 220
    return 255 - a if dark_on_light else a


def test_training_sized_image_reaches_the_model_unchanged(tmp_path):
    a = (np.random.default_rng(0).random((28, 28)) * 255).astype(np.uint8)
    a[0, :] = 0
    a[-1, :] = 0
    a[:, 0] = 0
    a[:, -1] = 0
    p = _save(Image.fromarray(a), tmp_path / "t.png")
    got = prepare_image(p).array
    np.testing.assert_array_equal(got, a.astype(np.float32) / 255)


def test_photo_is_inverted_cropped_centred_and_resized(tmp_path):
    canvas = np.full((120, 200), 250, np.uint8)
    canvas[30:90, 20:60] = 10  # a dark object, off-centre, on a light background
    rgb = Image.fromarray(canvas).convert("RGB")
    prepared = prepare_image(_save(rgb, tmp_path / "photo.jpg"))
    a = prepared.array
    assert a.shape == (28, 28)
    assert any("inverted" in n for n in prepared.notes)
    assert a[0].max() < 0.05 and a[:, 0].max() < 0.05  # dark border, like Fashion-MNIST
    assert a[14, 14] > 0.9  # the object, centred
    assert a.max() <= 1 and a.min() >= 0


@pytest.mark.parametrize(
    "make",
    [
        lambda a: Image.fromarray(a).convert("CMYK"),
        lambda a: Image.fromarray(a).convert("P"),
        lambda a: Image.fromarray(a).convert("1"),
        lambda a: Image.fromarray(a.astype(np.uint16) * 257),
        lambda a: Image.fromarray(a.astype(np.int32) * 1000),
        lambda a: Image.fromarray(a.astype(np.float32) / 255),
        lambda a: Image.fromarray(a).convert("LA"),
    ],
    ids=["cmyk", "palette", "1bit", "16bit", "int32", "float", "LA"],
)
def test_every_mode_becomes_grey_in_unit_range(tmp_path, make):
    im = make(_shirt())
    fmt = "TIFF" if im.mode in ("CMYK", "I", "F") else "PNG"
    path = _save(im, tmp_path / f"x.{fmt.lower()}", format=fmt)
    a = prepare_image(path).array
    assert a.shape == (28, 28) and a.dtype == np.float32
    assert a.min() >= 0 and a.max() <= 1
    assert a[14, 14] > 0.5 and a[0, 0] < 0.1


def test_transparent_png_is_composited_and_keeps_the_object(tmp_path):
    rgba = np.zeros((64, 64, 4), np.uint8)
    rgba[16:48, 20:44] = (30, 30, 30, 255)  # dark opaque object, transparent elsewhere
    prepared = prepare_image(_save(Image.fromarray(rgba), tmp_path / "a.png"))
    assert any("transparency" in n for n in prepared.notes)
    assert prepared.array[14, 14] > 0.9 and prepared.array[0, 0] < 0.05


def test_animated_gif_uses_the_first_frame(tmp_path):
    frames = [Image.fromarray(_shirt()).convert("P"), Image.fromarray(255 - _shirt()).convert("P")]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    prepared = prepare_image(path)
    assert any("first frame" in n for n in prepared.notes)
    assert prepared.array[14, 14] > 0.5


def test_exif_orientation_is_applied(tmp_path):
    a = np.full((40, 80), 255, np.uint8)
    a[10:30, 5:20] = 0
    im = Image.fromarray(a).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    path = tmp_path / "rot.jpg"
    im.save(path, exif=exif)
    prepared = prepare_image(path)
    assert any("EXIF" in n for n in prepared.notes)


def test_digits_size_has_no_margin(tmp_path):
    a = prepare_image(
        _save(Image.fromarray(_shirt()), tmp_path / "d.png"), size=(8, 8), margin=0.0
    ).array
    assert a.shape == (8, 8)


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (b"this is not an image\n", "not an image"),
        (None, "truncated or corrupt"),
        (_png_header_only(100_000, 100_000), "megapixels"),
        (b"", "not an image"),
    ],
    ids=["text-as-png", "truncated", "bomb", "empty"],
)
def test_bad_files_raise_one_clear_error(tmp_path, content, message):
    if content is None:
        buf = io.BytesIO()
        Image.fromarray(_shirt()).save(buf, "PNG")
        content = buf.getvalue()[: len(buf.getvalue()) // 2]
    path = tmp_path / "bad.png"
    path.write_bytes(content)
    with pytest.raises(ImageInputError, match=message) as info:
        prepare_image(path)
    assert "\n" not in str(info.value)
    assert MAX_PIXELS < 100_000 * 100_000


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ImageInputError, match="no such file"):
        prepare_image(tmp_path / "nope.png")
    with pytest.raises(ImageInputError, match="directory"):
        prepare_image(tmp_path)


# -- providers ------------------------------------------------------------------------------
def test_auto_takes_cuda_only_when_present(monkeypatch):
    monkeypatch.setattr(runtime, "available_providers", lambda: ["CPUExecutionProvider"])
    assert runtime.resolve_providers("auto") == ["CPUExecutionProvider"]
    assert runtime.resolve_providers("cpu") == ["CPUExecutionProvider"]
    monkeypatch.setattr(
        runtime, "available_providers", lambda: ["CUDAExecutionProvider", "CPUExecutionProvider"]
    )
    assert runtime.resolve_providers("auto")[0] == "CUDAExecutionProvider"


def test_cuda_absent_names_installed_providers_and_the_fix(monkeypatch):
    monkeypatch.setattr(
        runtime, "available_providers", lambda: ["AzureExecutionProvider", "CPUExecutionProvider"]
    )
    with pytest.raises(runtime.ProviderError) as info:
        runtime.resolve_providers("cuda")
    text = str(info.value)
    assert "CPUExecutionProvider" in text and "onnxruntime-gpu" in text
    with pytest.raises(runtime.ProviderError, match="unknown provider"):
        runtime.resolve_providers("tpu")


# -- cards, sha256, caching ------------------------------------------------------------------
def test_card_has_the_promised_fields(models_dir):
    card = json.loads((models_dir / "digits-cnn.json").read_text())
    for key in (
        "task",
        "labels",
        "input",
        "preprocessing",
        "dataset",
        "metrics",
        "params",
        "sha256",
        "command",
        "engine_version",
    ):
        assert key in card
    assert card["parity_max_abs_diff"] <= 1e-4


def test_session_is_created_once_and_cached(models_dir):
    a = runtime.get_model("digits-cnn", "cpu", models_dir)
    b = runtime.get_model("digits-cnn", "cpu", models_dir)
    assert a is b


def test_tampered_or_missing_model_is_refused_with_the_repair(tmp_path, models_dir):
    copy = tmp_path / "m"
    shutil.copytree(models_dir, copy)
    path = copy / "digits-cnn.onnx"
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="dltutor models train digits-cnn") as info:
        runtime.get_model("digits-cnn", "cpu", copy)
    assert "does not match" in str(info.value)
    path.unlink()
    with pytest.raises(ModelFileError, match="missing"):
        verify_model("digits-cnn", copy)


def test_images_are_batched_and_failures_stay_per_input(tmp_path, models_dir):
    from dltutor.engine.inference.predict import classify_images

    good = _save(Image.fromarray(_shirt()), tmp_path / "ok.png")
    bad = tmp_path / "bad.png"
    bad.write_text("hello")
    results = classify_images(
        [good, bad, good], model="digits-cnn", provider="cpu", top_k=3, directory=models_dir
    )
    assert [r["error"] is None for r in results] == [True, False, True]
    assert results[0]["top"] == results[2]["top"] and len(results[0]["top"]) == 3
    assert results[1]["label"] is None and results[1]["top"] is None


# -- text ------------------------------------------------------------------------------------
def test_texts_empty_huge_and_odd_are_clean_per_input_errors(models_dir):
    from dltutor.engine.inference.predict import MAX_TEXT_CHARS, classify_texts

    texts = [
        "a good film",
        "",
        "   \t ",
        "x" * (MAX_TEXT_CHARS + 1),
        "!!! ???",
        "bad\x00",
        "ünïcödé 映画 good",
    ]
    results = classify_texts(texts, model="sst2-rnn", provider="cpu", directory=models_dir)
    assert len(results) == len(texts)
    errors = [r["error"] for r in results]
    assert errors[0] is None and errors[-1] is None and errors[4] is None
    assert "empty" in errors[1] and "empty" in errors[2]
    assert "too long" in errors[3] and "NUL" in errors[5]
    assert results[0]["label"] in ("negative", "positive")
    assert results[1]["label"] is None and results[1]["prob"] is None


def test_text_batching_matches_one_at_a_time(models_dir):
    from dltutor.engine.inference.predict import classify_texts

    texts = ["a good film", "dull and bad", "good good fun film", "bad"]
    together = classify_texts(texts, model="sst2-rnn", provider="cpu", directory=models_dir)
    for text, r in zip(texts, together, strict=True):
        alone = classify_texts([text], model="sst2-rnn", provider="cpu", directory=models_dir)[0]
        assert abs(alone["prob"] - r["prob"]) < 1e-5


def test_graph_rows_count_learned_weights_apart_from_running_statistics():
    from dltutor.engine.inference.cards import load_card, model_path
    from dltutor.engine.inference.graph import graph_rows

    card = load_card("digits-cnn")
    rows = graph_rows(model_path(card))
    assert sum(r.params for r in rows) == card["params"]
    bn = [r for r in rows if r.op == "BatchNormalization"]
    assert bn and all(r.statistics == r.params for r in bn)  # mean+var beside gamma+beta
    assert rows[0].shape[0] == "batch"
