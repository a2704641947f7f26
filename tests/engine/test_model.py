"""Sequential, the training generator, callbacks, save/load, reproducibility."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.engine import (
    EarlyStopping,
    EpochRecord,
    History,
    ModelCheckpoint,
    ReduceLROnPlateau,
    Sequential,
    StepRecord,
    TrainingDiverged,
)
from dltutor.engine.data import spiral
from dltutor.engine.functions import softmax
from dltutor.engine.gradcheck import gradcheck_model
from dltutor.engine.layers import (
    BatchNormalization,
    Conv2D,
    Dense,
    Dropout,
    Flatten,
    MaxPooling2D,
    ReLU,
    Softmax,
)
from dltutor.engine.nets import simple_convnet
from dltutor.engine.optimizers import SGD, Adam
from dltutor.engine.regularizers import L2


def mlp(seed=0, **kw):
    model = Sequential(
        [Dense(32, activation="relu"), Dropout(0.1), Dense(32, activation="tanh"), Dense(3)],
        input_shape=(2,),
        seed=seed,
    )
    return model.compile("softmax_cross_entropy", Adam(0.01), metrics=["accuracy"], **kw)


def small_cnn(seed=0):
    model = Sequential(
        [
            Conv2D(4, 3, activation="relu"),
            MaxPooling2D(2),
            BatchNormalization(),
            Flatten(),
            Dense(8, activation="relu"),
            Dense(3),
        ],
        input_shape=(1, 8, 8),
        seed=seed,
    )
    return model.compile("softmax_cross_entropy", Adam(0.01), metrics=["accuracy"])


X, Y = spiral(60, 3, seed=1)


def epochs_of(gen):
    return [r for r in gen if isinstance(r, EpochRecord)]


def test_fit_yields_step_and_epoch_records_and_learns():
    model = mlp()
    records = list(model.fit(X, Y, epochs=30, batch_size=30, validation_split=0.2, seed=0))
    steps = [r for r in records if isinstance(r, StepRecord)]
    epochs = [r for r in records if isinstance(r, EpochRecord)]
    assert len(epochs) == 30 and len(steps) == 30 * 5
    assert steps[0].step == 1 and steps[-1].step == 150 and steps[-1].batches == 5
    last = epochs[-1]
    assert last.val_loss is not None and "accuracy" in last.val_metrics
    assert last.loss < epochs[0].loss and last.metrics["accuracy"] > 0.8
    assert last.samples_per_s > 0 and last.elapsed > 0 and last.lr == pytest.approx(0.01)
    with pytest.raises(AttributeError):
        last.loss = 0.0  # frozen


def test_seeded_runs_are_reproducible_bit_for_bit():
    def run():
        model = small_cnn(seed=3)
        rng = np.random.default_rng(0)
        x = rng.random((60, 1, 8, 8), dtype=np.float32)
        y = rng.integers(0, 3, 60)
        losses = [r.loss for r in model.fit(x, y, epochs=2, batch_size=16, seed=5)]
        return losses, model.get_weights()

    (l1, w1), (l2, w2) = run(), run()
    assert l1 == l2
    for k in w1:
        np.testing.assert_array_equal(w1[k], w2[k])


def test_generator_can_be_consumed_step_by_step_and_closed():
    model = mlp()
    history = History()
    gen = model.fit(X, Y, epochs=100, batch_size=10, callbacks=[history])
    first = next(gen)
    assert isinstance(first, StepRecord) and first.step == 1
    for _ in range(4):
        next(gen)
    gen.close()
    assert model.optimizer.iterations == 5
    with pytest.raises(StopIteration):
        next(gen)


def test_nan_loss_stops_with_an_explanation():
    model = Sequential([Dense(16, activation="relu"), Dense(1)], input_shape=(2,))
    model.compile("mse", SGD(1e6))
    y = (X[:, 0] * 100).astype(np.float32)
    with pytest.raises(
        TrainingDiverged, match=r"loss became (nan|inf) at step \d+ — learning rate too high\?"
    ) as err:
        list(model.fit(X, y, epochs=50, batch_size=20))
    assert err.value.step >= 1 and err.value.lr == 1e6


def test_predict_returns_probabilities_and_training_uses_logits():
    model = Sequential(
        [Dense(8, activation="relu"), Dense(3, activation="softmax")], input_shape=(2,)
    )
    model.compile("categorical_crossentropy", Adam(0.01), metrics=["accuracy"])
    probs = model.predict(X[:5])
    np.testing.assert_allclose(probs.sum(axis=1), 1, rtol=1e-5)
    logits = model.loss_inputs(X[:5])  # the last Dense without its softmax
    assert not np.allclose(logits.sum(axis=1), 1)
    np.testing.assert_allclose(softmax(logits.astype(np.float64)), probs, rtol=1e-5)
    epochs = epochs_of(model.fit(X, Y, epochs=20, batch_size=30))
    assert epochs[-1].loss < epochs[0].loss
    model2 = Sequential([Dense(3), Softmax()], input_shape=(2,)).compile("softmax_cross_entropy")
    np.testing.assert_array_equal(model2.loss_inputs(X[:5]), model2.layers[0](X[:5]))
    plain = Sequential([Dense(3), Softmax()], input_shape=(2,)).compile("mse")
    np.testing.assert_array_equal(plain.loss_inputs(X[:5]), plain.predict(X[:5]))


@pytest.mark.parametrize(
    "size, first",
    [
        (10, lambda: Conv2D(3, 3)),  # 8×8 maps: windows tile, stacked pool phases
        (11, lambda: Conv2D(3, 3)),  # 9×9 maps: last row/column unpooled, plain fused path
        (11, lambda: Conv2D(3, 3, strides=2, padding=1)),
    ],
)
def test_whole_model_gradients_including_fused_conv_relu_pool(size, first):
    rng = np.random.default_rng(0)
    model = Sequential(
        [
            first(),
            ReLU(),
            MaxPooling2D(2),
            Conv2D(2, 2, padding="same", activation="relu"),
            MaxPooling2D(2),
            Flatten(),
            Dense(3),
        ],
        input_shape=(2, size, size),
    ).compile("softmax_cross_entropy")
    assert sum(type(s).__name__ == "ConvReluPool" for s in model._steps) == 2
    x = rng.random((3, 2, size, size))
    assert gradcheck_model(model, x, np.array([0, 1, 2])) <= 1e-6
    x32 = x.astype(np.float32)
    np.testing.assert_allclose(
        model.forward(x32), model.layer_outputs(x32)[-1][1], rtol=1e-5, atol=1e-6
    )


def test_fused_path_gives_the_same_outputs_as_layer_by_layer():
    model = simple_convnet(input_shape=(1, 12, 12), filters=4, hidden=8)
    x = np.random.default_rng(0).random((5, 1, 12, 12), dtype=np.float32)
    fused = model.forward(x)
    outputs = model.layer_outputs(x)
    np.testing.assert_array_equal(fused, outputs[-1][1])
    assert [name for name, _ in outputs] == [layer.name for layer in model.layers]
    assert outputs[0][1].shape == (5, 4, 8, 8)  # feature maps in (N, C, H, W)


def test_input_gradient_for_saliency():
    model = simple_convnet(input_shape=(1, 12, 12), filters=2, hidden=4)
    x = np.random.default_rng(0).random((2, 1, 12, 12), dtype=np.float32)
    out = model.forward(x)
    dx = model.backward(np.ones_like(out), input_grad=True)
    assert dx.shape == x.shape
    model.forward(x)
    assert model.backward(np.ones_like(out)) is None


def test_summary_lists_layers_shapes_and_parameters():
    model = simple_convnet()
    text = model.summary()
    assert "(None, 30, 24, 24)" in text and "(None, 30, 12, 12)" in text and "(None, 4320)" in text
    expected = 30 * 25 + 30 + 4320 * 100 + 100 + 100 * 10 + 10
    assert model.count_params() == expected
    assert f"Total params: {expected:,}" in text


def test_save_and_load_weights_round_trip(tmp_path):
    model = small_cnn()
    list(
        model.fit(
            np.random.default_rng(0).random((20, 1, 8, 8)),
            np.arange(20) % 3,
            epochs=1,
            batch_size=10,
        )
    )
    path = tmp_path / "w.npz"
    model.save_weights(path)
    other = small_cnn(seed=99)
    x = np.random.default_rng(1).random((4, 1, 8, 8), dtype=np.float32)
    assert not np.array_equal(model.predict(x), other.predict(x))
    other.load_weights(path)
    np.testing.assert_array_equal(model.predict(x), other.predict(x))  # incl. BatchNorm statistics
    wrong = mlp()
    with pytest.raises(ValueError, match="do not match"):
        wrong.load_weights(path)


def test_weight_decay_is_added_in_training_only():
    model = Sequential([Dense(4, kernel_regularizer=L2(0.5)), Dense(2)], input_shape=(3,))
    model.compile("mse", SGD(0.0001))
    x = np.ones((2, 3), dtype=np.float32)
    y = np.zeros((2, 2), dtype=np.float32)
    k = model.layers[0].params["kernel"]
    expected_penalty = 0.25 * float(np.sum(k.astype(np.float64) ** 2))
    data_loss = model.evaluate(x, y)["loss"]
    loss, _ = model.train_step(x, y)
    assert loss == pytest.approx(data_loss + expected_penalty, rel=1e-5)
    wd = Sequential([Dense(4)], input_shape=(3,)).compile("mse", SGD(0.1), weight_decay=0.1)
    kernel = wd.layers[0].params["kernel"]
    assert wd.regularization_penalty() == pytest.approx(
        0.05 * float(np.sum(kernel.astype(np.float64) ** 2)), rel=1e-5
    )


def test_early_stopping_restores_best_weights():
    model = mlp()
    stopper = EarlyStopping(monitor="val_loss", patience=1, restore_best_weights=True)
    # Validation labels are noise: val_loss gets worse quickly.
    xv, yv = X[:60], np.random.default_rng(0).integers(0, 3, 60)
    epochs = epochs_of(
        model.fit(X, Y, epochs=200, batch_size=30, validation_data=(xv, yv), callbacks=[stopper])
    )
    assert epochs[-1].stopped and "early stopping" in epochs[-1].stop_reason
    assert len(epochs) < 200
    best = min(e.val_loss for e in epochs)
    assert model.evaluate(xv, yv)["loss"] == pytest.approx(best, rel=1e-5)


def test_checkpoint_and_reduce_lr(tmp_path):
    model = mlp()
    ckpt = ModelCheckpoint(tmp_path / "best.npz", monitor="loss")
    reduce = ReduceLROnPlateau(
        monitor="val_accuracy", factor=0.5, patience=1, mode="max", min_delta=1.0
    )
    history = History()
    list(
        model.fit(
            X, Y, epochs=4, batch_size=30, validation_split=0.2, callbacks=[ckpt, reduce, history]
        )
    )
    assert (tmp_path / "best.npz").exists() and ckpt.saved_epochs
    assert reduce.reductions and model.optimizer.lr < 0.01
    assert len(history["loss"]) == 4 and len(history["val_accuracy"]) == 4


def test_max_steps_ends_with_a_flagged_epoch_record():
    records = list(mlp().fit(X, Y, epochs=10, batch_size=10, max_steps=3))
    assert sum(isinstance(r, StepRecord) for r in records) == 3
    assert records[-1].stopped and "max_steps" in records[-1].stop_reason


def test_fit_requires_compile_and_matching_lengths():
    model = Sequential([Dense(2)], input_shape=(2,))
    with pytest.raises(RuntimeError, match="compile"):
        model.fit(X, Y)
    model.compile("mse")
    with pytest.raises(ValueError, match="samples"):
        model.fit(X, Y[:10])


def test_fit_limits_blas_threads_only_while_training():
    threadpoolctl = pytest.importorskip("threadpoolctl")

    def blas_threads():
        info = threadpoolctl.threadpool_info()
        return [i["num_threads"] for i in info if i["user_api"] == "blas"]

    before = blas_threads()
    gen = mlp().fit(X, Y, epochs=2, batch_size=30)
    next(gen)
    assert all(n == 1 for n in blas_threads())
    gen.close()
    assert blas_threads() == before


def test_early_stopping_counts_patience_as_keras_does():
    """patience=2: two epochs without improvement, then stop (Keras: wait >= patience)."""
    from types import SimpleNamespace

    stopper = EarlyStopping(monitor="val_loss", patience=2)
    model = SimpleNamespace(stop_training=False, stop_reason=None)
    stopper.on_train_begin(model)
    for epoch, loss in enumerate([1.0, 0.8, 0.9, 0.85], start=1):
        stopper.on_epoch_end(SimpleNamespace(epoch=epoch, val_loss=loss), model)
        if model.stop_training:
            break
    assert model.stop_training and stopper.stopped_epoch == 4 and stopper.best_epoch == 2
