"""Sequence layers: gradient checks in float64 (masks, dropout, states, Bidirectional),
mask semantics, and a small SST-2 run that must learn."""

from __future__ import annotations

import time

import numpy as np
import pytest

from dltutor.engine.gradcheck import central_differences, gradient_errors, relative_error
from dltutor.engine.layers import (
    GRU,
    LSTM,
    Bidirectional,
    Conv1D,
    Dense,
    Embedding,
    GlobalAveragePooling1D,
    GlobalMaxPooling1D,
    MaxPooling1D,
    SimpleRNN,
    TimeDistributed,
)
from dltutor.engine.layers.masking import Masking
from dltutor.engine.model import Sequential

TOL = 1e-6
N, T, F, U = 3, 5, 4, 3


def _x(seed=0):
    return np.random.default_rng(seed).normal(size=(N, T, F))


def _mask():
    m = np.ones((N, T), bool)
    m[0, 3:] = False  # post padding
    m[1, :1] = False  # pre padding
    m[2, 2] = False  # a hole
    return m


def _check(layer, x, mask=None, training=False):
    layer.input_mask = mask
    errs = gradient_errors(layer, x, training=training)
    assert max(errs.values()) <= TOL, errs
    return errs


CELLS = [SimpleRNN, LSTM, GRU]
VARIANTS = [
    {},
    {"return_sequences": True},
    {"return_sequences": True, "go_backwards": True},
]


@pytest.mark.parametrize("cell", CELLS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("kw", VARIANTS, ids=["last", "seq", "backwards"])
@pytest.mark.parametrize("masked", [False, True], ids=["nomask", "mask"])
@pytest.mark.parametrize("dropout", [False, True], ids=["plain", "dropout"])
def test_recurrent_gradcheck(cell, kw, masked, dropout):
    extra = {"dropout": 0.3, "recurrent_dropout": 0.4} if dropout else {}
    _check(cell(U, **kw, **extra), _x(), _mask() if masked else None, training=dropout)


@pytest.mark.parametrize("cell", CELLS, ids=lambda c: c.__name__)
def test_initial_state_and_return_state_gradients(cell):
    rng = np.random.default_rng(3)
    layer = cell(U, return_sequences=True, return_state=True)
    layer.build((None, T, F), rng)
    layer.astype(np.float64)
    x = _x()
    mask = _mask()
    states = [rng.normal(size=(N, U)) for _ in range(layer.n_states)]
    outs = layer.forward(x, mask=mask, initial_state=states)
    assert len(outs) == 1 + layer.n_states
    ws = [rng.normal(size=o.shape) for o in outs]

    def loss():
        return sum(
            float((o * w).sum())
            for o, w in zip(layer.forward(x, mask=mask, initial_state=states), ws, strict=True)
        )

    loss()
    dx = layer.backward(ws)
    grads = {k: g.copy() for k, g in layer.grads.items()}
    assert relative_error(dx, central_differences(loss, x)) <= TOL
    for k, p in layer.params.items():
        assert relative_error(grads[k], central_differences(loss, p)) <= TOL, k
    for j, s in enumerate(states):
        assert relative_error(layer.initial_state_grads[j], central_differences(loss, s)) <= TOL


@pytest.mark.parametrize("merge", ["concat", "sum"])
@pytest.mark.parametrize("seq", [False, True], ids=["last", "seq"])
@pytest.mark.parametrize("cell", [LSTM, GRU], ids=lambda c: c.__name__)
def test_bidirectional_gradcheck(merge, seq, cell):
    _check(Bidirectional(cell(U, return_sequences=seq), merge_mode=merge), _x(), _mask())


def test_bidirectional_with_dropout_gradcheck():
    layer = Bidirectional(GRU(U, return_sequences=True, dropout=0.2, recurrent_dropout=0.3))
    _check(layer, _x(), _mask(), training=True)


@pytest.mark.parametrize(
    "kw",
    [{}, {"padding": "same", "strides": 2}, {"padding": "causal", "activation": "tanh"}],
    ids=["valid", "same-s2", "causal-tanh"],
)
def test_conv1d_gradcheck(kw):
    _check(Conv1D(2, 3, **kw), _x())


def test_pooling_gradcheck():
    _check(MaxPooling1D(2), _x())
    _check(GlobalMaxPooling1D(), _x())
    _check(GlobalAveragePooling1D(), _x())
    _check(GlobalMaxPooling1D(), _x(), _mask())
    _check(GlobalAveragePooling1D(), _x(), _mask())


def test_time_distributed_and_masking_gradcheck():
    _check(TimeDistributed(Dense(2)), _x())
    x = _x()
    x[0, 3:] = 0.0
    layer = Masking(0.0)
    assert np.array_equal(layer.forward(x), x)
    assert np.array_equal(layer.output_mask, np.any(x != 0, axis=-1))


def test_embedding_lookup_and_padding_gradient():
    emb = Embedding(6, 4, mask_zero=True)
    ids = np.array([[1, 2, 0, 0], [3, 3, 5, 0]])
    y = emb(ids)
    assert np.array_equal(y[1, 0], emb.params["embeddings"][3])  # a lookup table
    assert np.array_equal(emb.output_mask, ids != 0)
    emb.astype(np.float64)
    w = np.random.default_rng(0).normal(size=(2, 4, 4))

    def loss():
        return float((emb.forward(ids) * w).sum())

    loss()
    emb.backward(w)
    g = emb.grads["embeddings"]
    assert np.all(g[0] == 0.0)  # padding row never moves
    expect = np.zeros_like(g)
    np.add.at(expect, ids, w)
    expect[0] = 0
    assert np.allclose(g, expect)
    # central differences on the non-padding rows
    p = emb.params["embeddings"]
    for i in np.ndindex(p.shape):
        if i[0] == 0:
            continue
        o = p[i]
        p[i] = o + 1e-5
        lp = loss()
        p[i] = o - 1e-5
        lm = loss()
        p[i] = o
        assert abs((lp - lm) / 2e-5 - g[i]) <= 1e-6 * max(1.0, abs(g[i]))
    with pytest.raises(ValueError, match="token ids must lie"):
        emb.forward(np.array([[7]]))


@pytest.mark.parametrize("cell", [SimpleRNN, LSTM, GRU], ids=lambda c: c.__name__)
def test_padded_steps_change_neither_state_nor_gradient(cell):
    """A sequence padded with garbage gives the same output as the short sequence."""
    rng = np.random.default_rng(0)
    layer = cell(4)
    layer.build((None, 6, 3), rng)
    layer.astype(np.float64)
    short = rng.normal(size=(1, 4, 3))
    padded = np.concatenate([short, rng.normal(size=(1, 2, 3)) * 10], axis=1)
    mask = np.array([[1, 1, 1, 1, 0, 0]], bool)
    y_short = layer.forward(short)
    y_pad = layer.forward(padded, mask=mask)
    assert np.allclose(y_short, y_pad)
    dx = layer.backward(np.ones_like(y_pad))
    assert np.all(dx[:, 4:] == 0.0)
    seq = cell(4, return_sequences=True)
    seq.build((None, 6, 3), rng)
    ys = seq.forward(padded, mask=mask)
    assert np.all(ys[:, 4:] == 0.0)  # as ONNX with sequence_lens


def test_mask_travels_through_sequential():
    model = Sequential([Embedding(10, 4, mask_zero=True), LSTM(3), Dense(2)], seed=0)
    a = model.forward(np.array([[1, 2, 3, 0, 0]]))
    b = model.forward(np.array([[1, 2, 3]]))
    assert np.allclose(a, b, atol=1e-6)


def test_recurrent_argument_errors():
    with pytest.raises(ValueError, match="units"):
        LSTM(0)
    with pytest.raises(ValueError, match="dropout"):
        GRU(3, dropout=1.5)
    with pytest.raises(ValueError, match="batch, timesteps, features"):
        LSTM(3)(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="merge_mode"):
        Bidirectional(LSTM(3), merge_mode="avg")


def test_float32_end_to_end():
    layer = LSTM(8, return_sequences=True)
    y = layer(np.zeros((2, 5, 3), np.float32))
    assert y.dtype == np.float32 and layer.params["kernel"].dtype == np.float32


# --------------------------------------------------------------------- SST-2 subset
@pytest.mark.data
@pytest.mark.parametrize("cell", [LSTM, GRU], ids=lambda c: c.__name__)
def test_sst2_subset_learns(cell, require_data):
    from dltutor.engine.optimizers import Adam
    from dltutor.engine.text import DataError, WordTokenizer, load_sst2

    try:  # default data dir: $DLTUTOR_DATA_DIR or ../shared/datasets
        texts, labels = load_sst2("train")
        dev, dev_y = load_sst2("dev")
    except DataError as exc:
        require_data(exc)
    idx = np.random.default_rng(0).permutation(len(texts))[:3000]
    tok = WordTokenizer().fit([texts[i] for i in idx])  # vocabulary from the subset only
    x = tok.encode_batch([texts[i] for i in idx], 32)
    xd = tok.encode_batch(dev, 32)
    model = Sequential([Embedding(len(tok), 32, mask_zero=True), cell(32), Dense(2)], seed=0)
    model.compile(loss="softmax_cross_entropy", optimizer=Adam(5e-3), metrics=["accuracy"])
    t0 = time.perf_counter()
    records = [
        r for r in model.fit(x, labels[idx], epochs=3, batch_size=32, seed=0) if r.kind == "epoch"
    ]
    acc = model.evaluate(xd, dev_y)["accuracy"]
    print(f"{cell.__name__}: dev accuracy {acc:.3f} in {time.perf_counter() - t0:.1f}s")
    assert records[-1].loss < records[0].loss
    assert acc >= 0.62, acc


def test_whole_masked_model_gradcheck():
    from dltutor.engine.gradcheck import gradcheck_model

    model = Sequential(
        [
            Embedding(8, 4, mask_zero=True),
            Bidirectional(GRU(3, return_sequences=True)),
            LSTM(3, return_sequences=True),
            GlobalAveragePooling1D(),
            Dense(2),
        ],
        seed=0,
    )
    model.compile(loss="softmax_cross_entropy", optimizer="adam")
    x = np.array([[1, 2, 3, 0, 0], [4, 5, 6, 7, 1], [2, 0, 0, 0, 0]])
    y = np.array([0, 1, 1])
    assert gradcheck_model(model, x, y) <= TOL
