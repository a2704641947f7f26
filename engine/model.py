"""`Sequential`: a stack of layers with Keras's compile / fit / evaluate / predict.

    model = Sequential([Flatten(), Dense(100, activation="relu"), Dense(10)], seed=0)
    model.compile(loss="softmax_cross_entropy", optimizer=Adam(1e-3), metrics=["accuracy"])
    for record in model.fit(x, y, epochs=3, batch_size=100, validation_data=(xv, yv)):
        ...  # StepRecord / EpochRecord, see engine.training

Layout: images come in as (N, C, H, W). At build time the model finds each run of layers
that can work channels-last and switches it to (N, H, W, C) inside, with one transpose at
each edge of the run (cheap; for one input channel it is free). Results are the same either
way; it only changes speed.

Losses and activations: when the last layer is the activation the loss applies itself
(Softmax before softmax cross-entropy, Sigmoid before binary cross-entropy, or a Dense with
that activation) training feeds the loss the logits before it, which is the numerically
stable form; `predict` still returns probabilities.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from . import losses as losses_mod
from . import metrics as metrics_mod
from . import optimizers as optimizers_mod
from . import regularizers
from .layers.activations import Sigmoid, Softmax
from .layers.base import Layer, Shape


class Sequential:
    """Layers run in order; builds lazily from the first input (or `input_shape`)."""

    def __init__(
        self,
        layers: Sequence[Layer] | None = None,
        input_shape: Sequence[int] | None = None,
        seed: int | None = 0,
        name: str = "sequential",
    ) -> None:
        self.name = name
        self.layers: list[Layer] = []
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.input_shape: Shape | None = None
        self.built = False
        self.loss: losses_mod.Loss | None = None
        self.optimizer: optimizers_mod.Optimizer | None = None
        self.metric_fns: dict[str, Any] = {}
        self.weight_decay = 0.0
        self.stop_training = False
        self.stop_reason: str | None = None
        self.dtype = np.float32
        for layer in layers or ():
            self.add(layer)
        if input_shape is not None:
            self.build(input_shape)

    # -- construction --------------------------------------------------------------
    def add(self, layer: Layer) -> None:
        if not isinstance(layer, Layer):
            raise TypeError(f"Sequential.add expects a Layer, got {type(layer).__name__}")
        if self.built:
            raise RuntimeError("cannot add layers to a model that is already built")
        names = {existing.name for existing in self.layers}
        if layer.name in names:
            base, i = layer.name, 1
            while f"{base}_{i}" in names:
                i += 1
            layer.name = f"{base}_{i}"
        self.layers.append(layer)

    def build(self, input_shape: Sequence[int | None]) -> None:
        """Create every layer's weights for inputs of `input_shape` (batch axis optional)."""
        shape = tuple(input_shape)
        if not shape or shape[0] is not None:
            shape = (None, *shape)
        self.input_shape = shape
        for layer in self.layers:
            if not layer.built:
                layer.dtype = self.dtype
                layer.build(shape, self.rng)
            shape = layer.output_shape(shape)
        self._plan_layout()
        self.built = True

    def _plan_layout(self) -> None:
        """Decide which runs of image layers go channels-last, where to transpose, and which
        conv → ReLU → max-pool triples run fused (see `_ConvReluPool`)."""
        self._steps = self._make_steps(fuse=True)
        self._unfused_steps = self._make_steps(fuse=False)
        shape = self.input_shape
        for layer in self.layers:
            shape = layer.output_shape(shape)
        self.output_shape = shape

    def _make_steps(self, fuse: bool) -> list:
        steps: list = []
        shape, channels_last = self.input_shape, False
        layers = self.layers
        i = 0
        while i < len(layers):
            layer = layers[i]
            if len(shape) == 4:
                support = layer.supports_channels_last
                if support is True and not channels_last:
                    steps.append(_Transpose((0, 2, 3, 1)))
                    channels_last = True
                elif support is False and channels_last:
                    steps.append(_Transpose((0, 3, 1, 2)))
                    channels_last = False
            else:
                channels_last = False
            if layer.supports_channels_last is True:
                layer.channels_last = channels_last and len(shape) == 4
            group = (
                _ConvReluPool.match(layers, i)
                if fuse and channels_last and len(shape) == 4
                else None
            )
            if group:
                for member in layers[i : i + group]:
                    if member.supports_channels_last is True:
                        member.channels_last = True
                steps.append(_ConvReluPool(layers[i : i + group]))
            else:
                group = 1
                steps.append(_Single(layer))
            for member in layers[i : i + group]:
                shape = member.output_shape(shape)
            steps[-1].channels_last_out = channels_last and len(shape) == 4
            i += group
        if channels_last and len(shape) == 4:
            steps.append(_Transpose((0, 3, 1, 2)))
        return steps

    def compile(
        self, loss="softmax_cross_entropy", optimizer="adam", metrics=(), lr=None, weight_decay=0.0
    ):
        """Choose the loss, optimizer (name or object; `lr` for a name) and metric names.

        `weight_decay` λ adds an L2 penalty λ/2·ΣW² on every kernel that has no regularizer of
        its own (in training only)."""
        self.loss = losses_mod.get(loss)
        self.optimizer = optimizers_mod.get(optimizer, lr)
        self.metric_fns = dict(metrics_mod.get(m) for m in metrics)
        if weight_decay < 0:
            raise ValueError(f"weight_decay must be >= 0, got {weight_decay!r}")
        self.weight_decay = float(weight_decay)
        return self

    # -- forward / backward --------------------------------------------------------
    def _ensure_built(self, x: np.ndarray) -> None:
        if not self.built:
            self.build((None, *x.shape[1:]))

    def _cast(self, x) -> np.ndarray:
        """Float inputs in the model's dtype; integer inputs (token ids) stay as they are."""
        x = np.asarray(x)
        if x.dtype.kind in "iu":
            return x
        return x.astype(self.dtype, copy=False)

    def _fused_tail(self) -> str | None:
        """'layer' / 'inner' when the last activation is folded into the loss, else None."""
        if self.loss is None or self.loss.activation is None or not self.layers:
            return None
        last = self.layers[-1]
        wanted = {"softmax": Softmax, "sigmoid": Sigmoid}[self.loss.activation]
        if type(last) is wanted:
            return "layer"
        if type(getattr(last, "activation", None)) is wanted:
            return "inner"
        return None

    def forward(self, x: np.ndarray, training: bool = False, _logits: bool = False) -> np.ndarray:
        """Run all layers. `training` switches Dropout and BatchNorm to their training mode."""
        self._ensure_built(x)
        x = self._cast(x)
        tail = self._fused_tail() if _logits else None
        self._tail = tail
        last = self.layers[-1]
        mask = None
        for step in self._steps:
            mask = step.receive_mask(mask)
            if tail and isinstance(step, _Single) and step.layer is last:
                if tail == "layer":
                    continue
                x = last.forward(x, training, apply_activation=False)
            else:
                x = step.forward(x, training)
            mask = step.pass_mask(mask)
        return x

    def backward(self, dout: np.ndarray, input_grad: bool = False) -> np.ndarray | None:
        """Backpropagate dL/d(outputs) through every layer, filling each layer's `grads`.

        Returns dL/d(inputs) when `input_grad` is true (saliency maps, gradient ascent on
        the input); otherwise the first layer skips that work and None is returned."""
        self.layers[0].needs_input_grad = input_grad
        last = self.layers[-1]
        for step in reversed(self._steps):
            if self._tail == "layer" and isinstance(step, _Single) and step.layer is last:
                continue
            dout = step.backward(dout)
            if dout is None:
                return None
        return np.array(dout)  # a copy: layers may reuse their work buffers

    def layer_outputs(self, x: np.ndarray) -> list[tuple[str, np.ndarray]]:
        """(layer name, output) for every layer, in inference mode, images as (N, C, H, W):
        for looking inside a network (feature maps, activation histograms)."""
        self._ensure_built(x)
        x = self._cast(x)
        outputs = []
        mask = None
        for step in self._unfused_steps:
            mask = step.receive_mask(mask)
            x = step.forward(x, False)
            mask = step.pass_mask(mask)
            if isinstance(step, _Single):
                shown = x.transpose(0, 3, 1, 2) if step.channels_last_out else x
                outputs.append((step.layer.name, shown))
        return outputs

    def __call__(self, x, training=False):
        return self.forward(x, training)

    # -- parameters ----------------------------------------------------------------
    def params_and_grads(self) -> list[tuple[np.ndarray, np.ndarray]]:
        return [
            (layer.params[k], layer.grads[k])
            for layer in self.layers
            if layer.trainable
            for k in layer.params
        ]

    def _regularized(self) -> Iterator[tuple[regularizers.Regularizer, np.ndarray, np.ndarray]]:
        default = regularizers.L2(self.weight_decay) if self.weight_decay else None
        for layer in self.layers:
            reg = getattr(layer, "kernel_regularizer", None) or default
            if reg is None or not layer.trainable:
                continue
            for key in layer.regularization_keys():
                yield reg, layer.params[key], layer.grads[key]

    def regularization_penalty(self) -> float:
        return float(sum(reg.penalty(w) for reg, w, _ in self._regularized()))

    def count_params(self) -> int:
        return sum(layer.count_params() for layer in self.layers)

    def astype(self, dtype) -> Sequential:
        """Cast every layer's parameters (float64 for gradient checks)."""
        self.dtype = np.dtype(dtype).type
        for layer in self.layers:
            layer.astype(dtype)
        return self

    # -- training and evaluation -------------------------------------------------
    def _require_compiled(self) -> None:
        if self.loss is None or self.optimizer is None:
            raise RuntimeError("call model.compile(loss=..., optimizer=...) before training")

    def train_step(self, x: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, float]]:
        """One forward/backward/update on a batch; returns (loss incl. penalty, metrics)."""
        self._require_compiled()
        outputs = self.forward(x, training=True, _logits=True)
        loss = self.loss.forward(outputs, y)
        self.backward(self.loss.backward())
        penalty = 0.0
        for reg, w, g in self._regularized():
            penalty += reg.penalty(w)
            reg.add_grad(w, g)
        self.optimizer.step(self.params_and_grads())
        metrics = {}
        if self.metric_fns:
            predictions = self.loss.predictions(outputs)
            metrics = {name: fn(predictions, y) for name, fn in self.metric_fns.items()}
        return loss + penalty, metrics

    def predict(self, x: np.ndarray, batch_size: int = 256) -> np.ndarray:
        """Inference outputs (probabilities when the model ends in Softmax / Sigmoid)."""
        x = np.asarray(x)
        outs = [self.forward(x[i : i + batch_size]) for i in range(0, len(x), batch_size)]
        return np.concatenate(outs) if outs else np.empty((0,))

    def evaluate(self, x: np.ndarray, y: np.ndarray, batch_size: int = 256) -> dict[str, float]:
        """Loss (without weight penalties) and metrics on a whole data set, in inference mode."""
        if self.loss is None:
            raise RuntimeError("call model.compile(...) before evaluate")
        x, y = np.asarray(x), np.asarray(y)
        total, preds = 0.0, []
        for i in range(0, len(x), batch_size):
            xb, yb = x[i : i + batch_size], y[i : i + batch_size]
            outputs = self.forward(xb, training=False, _logits=True)
            total += self.loss.forward(outputs, yb) * len(xb)
            preds.append(self.loss.predictions(outputs))
        result = {"loss": total / max(len(x), 1)}
        if self.metric_fns:
            predictions = np.concatenate(preds)
            result.update({name: fn(predictions, y) for name, fn in self.metric_fns.items()})
        return result

    def fit(self, x, y, **kwargs):
        """Train; a generator of StepRecord / EpochRecord. See `engine.training.fit`."""
        from .training import fit

        return fit(self, x, y, **kwargs)

    # -- weights -------------------------------------------------------------------
    def _weight_items(self) -> Iterator[tuple[str, dict[str, np.ndarray], str]]:
        for i, layer in enumerate(self.layers):
            for store in (layer.params, layer.buffers):
                for key in store:
                    yield f"{i:02d}.{layer.name}.{key}", store, key

    def get_weights(self) -> dict[str, np.ndarray]:
        """A copy of every parameter and buffer, keyed 'NN.layer_name.key'."""
        return {name: store[key].copy() for name, store, key in self._weight_items()}

    def set_weights(self, weights: dict[str, np.ndarray]) -> None:
        """Copy `weights` (from `get_weights` or a .npz) into the model, in place."""
        expected = {name: (store, key) for name, store, key in self._weight_items()}
        missing = sorted(set(expected) - set(weights))
        extra = sorted(set(weights) - set(expected))
        if missing or extra:
            raise ValueError(
                "weights do not match this model: "
                + (f"missing {missing[:4]} " if missing else "")
                + (f"unexpected {extra[:4]}" if extra else "")
            )
        for name, (store, key) in expected.items():
            value = np.asarray(weights[name])
            if value.shape != store[key].shape:
                raise ValueError(
                    f"weight {name}: shape {value.shape}, model expects {store[key].shape}"
                )
            store[key][...] = value

    def save_weights(self, path: str | os.PathLike) -> None:
        """Write every parameter and buffer to a .npz file."""
        if not self.built:
            raise RuntimeError("build the model (or run it once) before saving its weights")
        with open(path, "wb") as f:
            np.savez(f, **self.get_weights())

    def load_weights(self, path: str | os.PathLike) -> None:
        """Read weights saved by `save_weights` (the model must be built with the same layers)."""
        if not self.built:
            raise RuntimeError("build the model with its input shape before loading weights")
        try:
            with np.load(path) as data:
                weights = {k: data[k] for k in data.files}
        except FileNotFoundError:
            raise FileNotFoundError(f"no weights file at {path}") from None
        self.set_weights(weights)

    def get_config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "input_shape": list(self.input_shape[1:]) if self.input_shape else None,
            "layers": [
                {"class": type(layer).__name__, "config": layer.get_config()}
                for layer in self.layers
            ],
        }

    # -- summary -------------------------------------------------------------------
    def summary_rows(self) -> list[tuple[str, str, tuple, int]]:
        """(layer name, class, output shape, parameter count) per layer."""
        if not self.built:
            raise RuntimeError("build the model (give input_shape) before asking for a summary")
        rows, shape = [], self.input_shape
        for layer in self.layers:
            shape = layer.output_shape(shape)
            rows.append((layer.name, type(layer).__name__, shape, layer.count_params()))
        return rows

    def summary(self) -> str:
        """A Keras-style table: layer (type), output shape, parameters; then the total."""
        rows = self.summary_rows()
        cells = [(f"{n} ({t})", str(s), f"{p:,}") for n, t, s, p in rows]
        head = ("Layer (type)", "Output shape", "Param #")
        w = [max(len(r[i]) for r in [head, *cells]) for i in range(3)]
        line = "-" * (w[0] + w[1] + w[2] + 4)
        out = [
            f'Model: "{self.name}"',
            line,
            f"{head[0]:<{w[0]}}  {head[1]:<{w[1]}}  {head[2]:>{w[2]}}",
            line,
        ]
        out += [f"{a:<{w[0]}}  {b:<{w[1]}}  {c:>{w[2]}}" for a, b, c in cells]
        total = self.count_params()
        trainable = sum(layer.count_params() for layer in self.layers if layer.trainable)
        out += [
            line,
            f"Total params: {total:,}",
            f"Trainable params: {trainable:,}",
            f"Non-trainable params: {total - trainable:,}",
        ]
        return "\n".join(out)


# -- execution steps ---------------------------------------------------------------------
class _Step:
    """How a mask travels: steps other than a single layer (layout changes, fused image
    groups) never see sequences, so they pass it through unchanged."""

    def receive_mask(self, mask):
        return mask

    def pass_mask(self, mask):
        return mask


class _Transpose(_Step):
    """A layout change between layers (channels-first ↔ channels-last)."""

    channels_last_out = False

    def __init__(self, axes: tuple[int, ...]) -> None:
        self.axes = axes
        self.inverse = tuple(int(a) for a in np.argsort(axes))

    def forward(self, x, training):
        return x.transpose(self.axes)

    def backward(self, dout):
        return dout.transpose(self.inverse)


class _Single(_Step):
    """One layer. Masks follow the convention in `layers/masking.py`: the layer reads the
    current mask as `input_mask`; one that sets `output_mask` replaces it for the next."""

    def __init__(self, layer: Layer) -> None:
        self.layer = layer

    def receive_mask(self, mask):
        self.layer.input_mask = mask
        return mask

    def pass_mask(self, mask):
        return getattr(self.layer, "output_mask", mask)

    def forward(self, x, training):
        return self.layer.forward(x, training)

    def backward(self, dout):
        return self.layer.backward(dout)


class _ConvReluPool(_Step):
    """Conv2D → ReLU → MaxPooling2D run as Conv2D (no bias) → max-pool → + bias → ReLU.

    Max-pooling commutes with adding a per-channel constant and with ReLU (both are
    monotonic), so the result is bit-for-bit the same, but the bias and the ReLU touch a
    quarter of the values (for 2×2 pooling), and max-pool's backward receives the gradient
    already masked by the ReLU. Matches Conv2D(activation="relu") → MaxPooling2D and
    Conv2D → ReLU() → MaxPooling2D, all channels-last.
    """

    def __init__(self, layers: list[Layer]) -> None:
        self.conv, self.pool = layers[0], layers[-1]

    @staticmethod
    def match(layers: list[Layer], i: int) -> int:
        """How many layers from `i` form a fusable group (0 when none)."""
        from .layers.activations import ReLU
        from .layers.convolution import Conv2D
        from .layers.pooling import MaxPooling2D

        conv = layers[i]
        if type(conv) is not Conv2D:
            return 0
        rest = layers[i + 1 : i + 3]
        if type(conv.activation) is ReLU and rest and type(rest[0]) is MaxPooling2D:
            return 2
        if (
            conv.activation is None
            and len(rest) == 2
            and type(rest[0]) is ReLU
            and type(rest[1]) is MaxPooling2D
        ):
            return 3
        return 0

    def forward(self, x, training):
        conv, pool = self.conv, self.pool
        oh, ow = conv.output_shape((None, None, x.shape[1], x.shape[2]))[2:]
        ph, pw = pool.pool_size
        self.stacked = pool.strides == pool.pool_size and oh % ph == 0 and ow % pw == 0
        if self.stacked:  # windows tile the map: conv writes them as contiguous blocks
            pooled = pool.forward_stacked(
                conv.forward_nhwc(x, add_bias=False, pool_phases=(ph, pw))
            )
        else:
            pooled = pool.forward_nhwc(conv.forward_nhwc(x, add_bias=False))
        if conv.use_bias:
            pooled = pooled + conv.params["bias"]
            self.out = np.maximum(pooled, 0, out=pooled)
        else:
            self.out = np.maximum(pooled, 0)
        return self.out

    def backward(self, dout):
        d = dout * (self.out > 0)
        if self.conv.use_bias:
            np.sum(d, axis=(0, 1, 2), out=self.conv.grads["bias"])
        dz = self.pool.backward_stacked(d) if self.stacked else self.pool.backward_nhwc(d)
        return self.conv.backward_nhwc(dz, bias_grad=False)
