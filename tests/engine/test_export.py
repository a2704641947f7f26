"""Engine → ONNX export: checker-clean graphs that agree with the engine (max abs diff ≤ 1e-4)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

from dltutor.engine.layers import (  # noqa: E402
    GRU,
    LSTM,
    AveragePooling2D,
    BatchNormalization,
    Bidirectional,
    Conv1D,
    Conv2D,
    Dense,
    Dropout,
    Embedding,
    Flatten,
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalMaxPooling1D,
    LeakyReLU,
    MaxPooling1D,
    MaxPooling2D,
    ReLU,
    Sigmoid,
    SimpleRNN,
    Softmax,
    Tanh,
    TimeDistributed,
)
from dltutor.engine.model import Sequential  # noqa: E402
from dltutor.engine.onnx import engine_model_from_onnx, export_model  # noqa: E402

TOL = 1e-4


def _perturb(model, rng):
    """Non-trivial weights and batch-norm statistics (fresh layers have zero biases)."""
    for layer in model.layers:
        for value in layer.params.values():
            value += rng.normal(0, 0.1, value.shape).astype(value.dtype)
        for key, value in getattr(layer, "buffers", {}).items():
            if "variance" in key:
                value[...] = rng.uniform(0.5, 2.0, value.shape)
            else:
                value += rng.normal(0, 0.2, value.shape).astype(value.dtype)


def _roundtrip(
    tmp_path, layers, x, *, dtype="float32", stateful=False, outputs=("logits", "probs"), shape=None
):
    rng = np.random.default_rng(0)
    model = Sequential(layers, seed=0)
    model.build((None, *x.shape[1:]))
    _perturb(model, rng)
    path = tmp_path / "m.onnx"
    proto = export_model(
        model,
        path,
        input_name="x",
        input_dtype=dtype,
        input_shape=shape or x.shape[1:],
        outputs=outputs,
        metadata={"dltutor.labels": ["a", "b"]},
        stateful=stateful,
    )
    onnx.checker.check_model(str(path), full_check=True)
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    feeds = {"x": x}
    for extra in session.get_inputs()[1:]:
        feeds[extra.name] = np.zeros(
            [len(x) if not isinstance(d, int) else d for d in extra.shape], np.float32
        )
    got = session.run(["logits"], feeds)[0]
    want = model.predict(x)
    assert got.shape == want.shape
    assert np.abs(got - want).max() <= TOL
    return model, proto, session


IMAGE_STACKS = {
    "conv-bn-pool-dense": lambda: [
        Conv2D(4, 3, padding="same"),
        BatchNormalization(),
        ReLU(),
        MaxPooling2D(2),
        Conv2D(6, 3),
        MaxPooling2D(2),
        BatchNormalization(),
        Tanh(),
        Flatten(),
        Dense(8, activation="relu"),
        Dropout(0.5),
        Dense(3),
    ],
    "strided-avgpool-activations": lambda: [
        Conv2D(5, 3, strides=2, padding="same", activation="relu"),
        AveragePooling2D(2),
        LeakyReLU(0.1),
        Conv2D(3, 2, padding=1),
        Sigmoid(),
        Flatten(),
        Dense(4),
        BatchNormalization(),
        Softmax(),
    ],
    "global-average": lambda: [
        Conv2D(6, 3, padding="valid"),
        ReLU(),
        GlobalAveragePooling2D(),
        Dense(2),
    ],
}


@pytest.mark.parametrize("name", sorted(IMAGE_STACKS))
def test_image_models_match_engine(tmp_path, name):
    x = np.random.default_rng(1).random((5, 2, 12, 12), dtype=np.float32)
    _roundtrip(tmp_path, IMAGE_STACKS[name](), x)


def test_graph_io_names_opset_metadata_and_dynamic_batch(tmp_path):
    x = np.random.default_rng(2).random((3, 1, 8, 8), dtype=np.float32)
    model, proto, session = _roundtrip(tmp_path, IMAGE_STACKS["conv-bn-pool-dense"](), x)
    assert [i.name for i in proto.graph.input] == ["x"]
    assert [o.name for o in proto.graph.output] == ["logits", "probs"]
    assert proto.opset_import[0].version >= 17
    batch = proto.graph.input[0].type.tensor_type.shape.dim[0]
    assert batch.dim_param == "batch"
    meta = {p.key: p.value for p in proto.metadata_props}
    assert meta["dltutor.labels"] == '["a", "b"]'
    assert "dltutor.engine_config" in meta
    for n in (1, 7):
        xb = np.random.default_rng(n).random((n, 1, 8, 8), dtype=np.float32)
        logits, probs = session.run(None, {"x": xb})
        assert logits.shape == (n, 3)
        np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)


SEQUENCE_STACKS = {
    "lstm": lambda: [Embedding(30, 6), LSTM(5), Dense(2)],
    "gru-sequences-gap": lambda: [
        Embedding(30, 6),
        GRU(5, return_sequences=True),
        GlobalAveragePooling1D(),
        Dense(2),
    ],
    "bidirectional-lstm": lambda: [Embedding(30, 6), Bidirectional(LSTM(4)), Dense(2)],
    "bidirectional-gru-sum": lambda: [
        Embedding(30, 6),
        Bidirectional(GRU(4), merge_mode="sum"),
        Dense(2),
    ],
    "stacked-sequences": lambda: [
        Embedding(30, 6),
        Bidirectional(GRU(4, return_sequences=True)),
        LSTM(3, return_sequences=True),
        GlobalMaxPooling1D(),
        Dense(2),
    ],
    "conv1d-rnn": lambda: [
        Embedding(30, 6),
        Conv1D(5, 3, padding="same", activation="relu"),
        MaxPooling1D(2),
        SimpleRNN(4),
        Dense(3),
    ],
    "char-lm": lambda: [
        Embedding(30, 6),
        LSTM(8, return_sequences=True),
        TimeDistributed(Dense(30)),
    ],
}


@pytest.mark.parametrize("name", sorted(SEQUENCE_STACKS))
def test_sequence_models_match_engine(tmp_path, name):
    x = np.random.default_rng(3).integers(1, 30, (4, 10)).astype(np.int64)
    _roundtrip(tmp_path, SEQUENCE_STACKS[name](), x, dtype="int64", outputs=("logits",))


def test_masked_padding_maps_to_sequence_lens(tmp_path):
    """Post-padded batches with mask_zero: ONNX gets sequence_lens; results match the engine."""
    x = np.random.default_rng(4).integers(1, 30, (4, 10)).astype(np.int64)
    x[1, 6:] = 0
    x[2, 2:] = 0
    for layers in (
        [
            Embedding(30, 6, mask_zero=True),
            Bidirectional(LSTM(4, return_sequences=True)),
            GlobalAveragePooling1D(),
            Dense(2),
        ],
        [Embedding(30, 6, mask_zero=True), Bidirectional(LSTM(4)), Dropout(0.3), Dense(2)],
        [
            Embedding(30, 6, mask_zero=True),
            GRU(4, return_sequences=True),
            GlobalMaxPooling1D(),
            Dense(2),
        ],
    ):
        model = Sequential(layers, seed=0)
        model.build((None, 10))
        _perturb(model, np.random.default_rng(0))
        path = tmp_path / "masked.onnx"
        export_model(
            model, path, input_name="x", input_dtype="int64", input_shape=(10,), outputs=("logits",)
        )
        got = ort.InferenceSession(str(path)).run(["logits"], {"x": x})[0]
        assert np.abs(got - model.predict(x)).max() <= TOL
        again = engine_model_from_onnx(path)
        assert type(again) is Sequential
        np.testing.assert_array_equal(again.predict(x), model.predict(x))


def test_stateful_export_steps_like_the_whole_sequence(tmp_path):
    x = np.random.default_rng(5).integers(1, 30, (2, 9)).astype(np.int64)
    _, proto, session = _roundtrip(
        tmp_path,
        SEQUENCE_STACKS["char-lm"](),
        x,
        dtype="int64",
        outputs=("logits",),
        stateful=True,
        shape=("time",),
    )
    names = [i.name for i in session.get_inputs()]
    assert len(names) == 3  # tokens, h0, c0
    full = session.run(
        ["logits"],
        {
            names[0]: x,
            names[1]: np.zeros((1, 2, 8), np.float32),
            names[2]: np.zeros((1, 2, 8), np.float32),
        },
    )[0]
    state = [np.zeros((1, 2, 8), np.float32)] * 2
    outs = [o.name for o in session.get_outputs()]
    for t in range(x.shape[1]):
        logits, h, c = session.run(
            outs, {names[0]: x[:, t : t + 1], names[1]: state[0], names[2]: state[1]}
        )
        state = [h, c]
        np.testing.assert_allclose(logits[:, 0], full[:, t], atol=1e-5)


def test_import_rebuilds_the_engine_model(tmp_path):
    x = np.random.default_rng(6).random((3, 2, 12, 12), dtype=np.float32)
    model, proto, _ = _roundtrip(tmp_path, IMAGE_STACKS["conv-bn-pool-dense"](), x)
    again = engine_model_from_onnx(proto)
    np.testing.assert_array_equal(again.predict(x), model.predict(x))
    tokens = np.random.default_rng(7).integers(1, 30, (3, 10)).astype(np.int64)
    model, proto, _ = _roundtrip(
        tmp_path, SEQUENCE_STACKS["stacked-sequences"](), tokens, dtype="int64", outputs=("logits",)
    )
    np.testing.assert_array_equal(
        engine_model_from_onnx(proto).predict(tokens), model.predict(tokens)
    )


def test_unknown_layer_is_a_clear_error(tmp_path):
    from dltutor.engine.layers import Layer
    from dltutor.engine.onnx import ExportError

    class Odd(Layer):
        def forward(self, x, training=False):
            return x

        def backward(self, dout):
            return dout

    model = Sequential([Flatten(), Odd(name="odd"), Dense(2)], seed=0)
    model.build((None, 4))
    with pytest.raises(ExportError, match="odd"):
        export_model(model, tmp_path / "x.onnx", input_shape=(4,))


def test_export_and_inference_modules_import_onnx_lazily():
    code = (
        "import sys\n"
        "import dltutor.engine.onnx, dltutor.engine.inference.runtime, "
        "dltutor.engine.inference.predict, dltutor.engine.zoo, dltutor.engine.zoo.publish, "
        "dltutor.engine.zoo.fashion_cnn, dltutor.engine.zoo.digits_cnn\n"
        "bad = [m for m in ('onnx', 'onnxruntime') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_half_embeddings_halve_the_table_and_keep_parity(tmp_path):
    from dltutor.engine.onnx import round_embeddings

    x = np.random.default_rng(8).integers(1, 400, (4, 10)).astype(np.int64)
    model = Sequential([Embedding(400, 32), GRU(4), Dense(2)], seed=0)
    model.build((None, 10))
    full = export_model(
        model,
        tmp_path / "full.onnx",
        input_name="x",
        input_dtype="int64",
        input_shape=(10,),
        outputs=("logits",),
    )
    round_embeddings(model)
    half = export_model(
        model,
        tmp_path / "half.onnx",
        input_name="x",
        input_dtype="int64",
        input_shape=(10,),
        outputs=("logits",),
        half_embeddings=True,
    )
    assert half.ByteSize() < 0.6 * full.ByteSize()
    got = ort.InferenceSession(str(tmp_path / "half.onnx")).run(["logits"], {"x": x})[0]
    assert np.abs(got - model.predict(x)).max() <= TOL
    np.testing.assert_array_equal(engine_model_from_onnx(half).predict(x), model.predict(x))


STACKS = {**IMAGE_STACKS, **SEQUENCE_STACKS}


@pytest.mark.parametrize("name", sorted(STACKS))
def test_every_codec_reads_back_exactly_the_weights_it_wrote(tmp_path, name):
    """`load_weights` inverts `emit` for every layer class (kernel transposes, the Flatten
    row order, the gate permutation), bit for bit."""
    if name in IMAGE_STACKS:
        x, dtype = np.random.default_rng(1).random((2, 2, 12, 12), dtype=np.float32), "float32"
    else:
        x, dtype = np.random.default_rng(3).integers(1, 30, (2, 10)).astype(np.int64), "int64"
    model, proto, _ = _roundtrip(tmp_path, STACKS[name](), x, dtype=dtype, outputs=("logits",))
    want, got = model.get_weights(), engine_model_from_onnx(proto).get_weights()
    assert sorted(got) == sorted(want)
    for key, value in want.items():
        np.testing.assert_array_equal(got[key], value, err_msg=key)


def test_files_that_spell_the_layer_class_as_class_still_import(tmp_path):
    """The shipped models were exported when the model config wrote "class"."""
    x = np.random.default_rng(2).random((2, 2, 12, 12), dtype=np.float32)
    model, proto, _ = _roundtrip(tmp_path, IMAGE_STACKS["global-average"](), x)
    config = model.get_config()
    assert all(set(entry) == {"class_name", "config"} for entry in config["layers"])
    old = {
        **config,
        "layers": [{"class": e["class_name"], "config": e["config"]} for e in config["layers"]],
    }
    for entry in proto.metadata_props:
        if entry.key == "dltutor.engine_config":
            entry.value = json.dumps(old)
    np.testing.assert_array_equal(engine_model_from_onnx(proto).predict(x), model.predict(x))


def test_every_layer_class_has_a_codec_but_masking():
    from dltutor.engine import layers
    from dltutor.engine.onnx.codecs import Codec

    classes = [getattr(layers, n) for n in layers.__all__ if isinstance(getattr(layers, n), type)]
    missing = [
        cls.__name__
        for cls in classes
        if cls is not layers.Layer and not any(c in Codec.registry for c in cls.__mro__)
    ]
    assert missing == ["Masking"]  # float padding without an Embedding: no ONNX mapping
