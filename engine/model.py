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
stable form; `predict` still returns probabilities. The plan for that (`plan.loss_steps`) is
made once, when the model is both built and compiled.
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
from .layers.base import Layer, Shape
from .plan import Step, _Single, loss_steps, make_steps


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
        # The plan (see engine/plan.py), made at build: fused for speed, unfused for looking
        # inside, and the steps whose output the loss reads.
        self._steps: list[Step] = []
        self._unfused_steps: list[Step] = []
        self._loss_steps: list[Step] = []
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
        conv → ReLU → max-pool triples run fused (see `plan.ConvReluPool`)."""
        self._steps = make_steps(self.layers, self.input_shape, fuse=True)
        self._unfused_steps = make_steps(self.layers, self.input_shape, fuse=False)
        self._plan_loss()
        shape = self.input_shape
        for layer in self.layers:
            shape = layer.output_shape(shape)
        self.output_shape = shape

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
        self._plan_loss()
        return self

    def _plan_loss(self) -> None:
        """The steps whose output the loss reads (see `plan.loss_steps`); needs both the
        plan (build) and the loss (compile), whichever comes last."""
        activation = self.loss.activation if self.loss is not None else None
        self._loss_steps = loss_steps(self._steps, activation)

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

    def _run(self, steps: list[Step], x: np.ndarray, training: bool) -> np.ndarray:
        x = self._cast(x)
        mask = None
        for step in steps:
            mask = step.receive_mask(mask)
            x = step.forward(x, training)
            mask = step.pass_mask(mask)
        self._ran = steps
        return x

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """Run all layers. `training` switches Dropout and BatchNorm to their training mode."""
        self._ensure_built(x)
        return self._run(self._steps, x, training)

    def loss_inputs(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """What the loss reads: the outputs, or the logits before a last activation that the
        loss applies itself (see the module docstring)."""
        self._ensure_built(x)
        return self._run(self._loss_steps, x, training)

    def backward(self, dout: np.ndarray, input_grad: bool = False) -> np.ndarray | None:
        """Backpropagate dL/d(outputs of the last forward run) through every layer, filling
        each layer's `grads`.

        Returns dL/d(inputs) when `input_grad` is true (saliency maps, gradient ascent on
        the input); otherwise the first layer skips that work and None is returned."""
        self.layers[0].needs_input_grad = input_grad
        for step in reversed(self._ran):
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
            reg = layer.kernel_regularizer or default
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
        outputs = self.loss_inputs(x, training=True)
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
            outputs = self.loss_inputs(xb, training=False)
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
            "layers": [layer.to_config() for layer in self.layers],
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
