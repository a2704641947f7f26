"""Every reference solution passes its check, every untouched template fails, and each
recognised mistake (a small edit of the solution) fails with its own message.

The checks run in this process through `child.run` (fast and deterministic); the sandbox
path itself is tested in test_sandbox.py and test_exercise_runner.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dltutor.lessons.exercises import all_exercises, get_exercise
from dltutor.lessons.exercises.child import run
from dltutor.lessons.exercises.runner import payload_for, report_from
from dltutor.lessons.sandbox import SandboxResult

# (exercise, mistake, [(text in the solution, what it becomes), ...])
MISTAKES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("01-gates", "and-like-or", [("b = -0.7\n    tmp", "b = -0.2\n    tmp")]),
    (
        "01-gates",
        "nand-like-and",
        [("w = np.array([-0.5, -0.5])\n    b = 0.7", "w = np.array([0.5, 0.5])\n    b = -0.7")],
    ),
    ("01-gates", "xor-like-or", [("y = AND(s1, s2)", "y = s2")]),
    ("01-gates", "not-binary", [("return 1\n", "return tmp\n")]),
    ("02-activations", "scalar-if", [("np.array(x > 0, dtype=int)", "int(x > 0)")]),
    ("02-activations", "step-at-zero", [("x > 0, dtype=int", "x >= 0, dtype=int")]),
    ("02-activations", "step-bool", [("np.array(x > 0, dtype=int)", "x > 0")]),
    ("02-activations", "sigmoid-sign", [("np.exp(-x)", "np.exp(x)")]),
    (
        "02-activations",
        "math-exp",
        [("return 1 / (1 + np.exp(-x))", "import math\n\n    return 1 / (1 + math.exp(-x))")],
    ),
    ("02-activations", "np-max", [("np.maximum(0, x)", "np.max(0, x)")]),
    (
        "02-activations",
        "changes-input",
        [("return np.maximum(0, x)", "x[x < 0] = 0\n    return x")],
    ),
    ("02-softmax", "no-max-shift", [("np.exp(a - c)", "np.exp(a)")]),
    ("02-softmax", "sum-over-batch", [("np.sum(exp_a, axis=-1, keepdims=True)", "np.sum(exp_a)")]),
    ("02-softmax", "batch-only", [("axis=-1", "axis=1")]),
    ("03-losses", "mse-no-half", [("return 0.5 * np.sum", "return np.sum")]),
    ("03-losses", "mse-mean", [("0.5 * np.sum((y - t) ** 2)", "np.mean((y - t) ** 2)")]),
    ("03-losses", "no-delta", [(" + 1e-7", "")]),
    ("03-losses", "no-batch-mean", [(") / batch_size", ")")]),
    (
        "03-losses",
        "labels-unsupported",
        [
            ("    if t.size == y.size:\n        t = t.argmax(axis=1)\n", ""),
            ("np.log(y[np.arange(batch_size), t] + 1e-7)", "t * np.log(y + 1e-7)"),
        ],
    ),
    (
        "03-gradients",
        "forward-difference",
        [("(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x)) / h")],
    ),
    ("03-gradients", "tiny-h", [("h = 1e-4\n    return", "h = 1e-50\n    return")]),
    ("03-gradients", "no-2h", [("(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x - h)) / h")]),
    ("03-gradients", "not-restored", [("        x[idx] = tmp_val\n", "")]),
    (
        "03-gradients",
        "flat-only",
        [
            (
                'it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])\n    while not it.finished:\n        idx = it.multi_index',
                "for idx in range(x.size):",
            ),
            ("        it.iternext()\n", ""),
        ],
    ),
    ("03-gradients", "ascent", [("x -= lr * grad", "x += lr * grad")]),
    (
        "03-gradients",
        "one-step",
        [("        x -= lr * grad\n    return x", "        x -= lr * grad\n        return x")],
    ),
    (
        "04-simple-layers",
        "mul-not-swapped",
        [
            (
                "dx = dout * self.y\n        dy = dout * self.x",
                "dx = dout * self.x\n        dy = dout * self.y",
            )
        ],
    ),
    (
        "04-simple-layers",
        "not-a-pair",
        [("        dy = dout * 1\n        return dx, dy", "        return dx")],
    ),
    (
        "04-simple-layers",
        "add-scaled",
        [("dx = dout * 1\n        dy = dout * 1", "dx = dout * 2\n        dy = dout * 2")],
    ),
    ("04-activation-layers", "mask-not-applied", [("        dout[self.mask] = 0\n", "")]),
    ("04-activation-layers", "mask-inverted", [("self.mask = x <= 0", "self.mask = x > 0")]),
    ("04-activation-layers", "changes-input", [("out = x.copy()", "out = x")]),
    ("04-activation-layers", "sigmoid-no-one-minus", [("(1.0 - self.out) * self.out", "self.out")]),
    (
        "04-activation-layers",
        "sigmoid-uses-x",
        [
            ("(1.0 - self.out) * self.out", "(1.0 - self.x) * self.x"),
            ("        self.out = out\n", "        self.out = out\n        self.x = x\n"),
        ],
    ),
    ("04-affine", "db-not-summed", [("np.sum(dout, axis=0)", "dout")]),
    ("04-affine", "dw-transposed", [("np.dot(self.x.T, dout)", "np.dot(dout.T, self.x)")]),
    ("04-affine", "dx-not-reshaped", [("        dx = dx.reshape(*self.original_x_shape)\n", "")]),
    ("04-affine", "no-flatten", [("        x = x.reshape(x.shape[0], -1)\n", "")]),
    (
        "04-softmax-with-loss",
        "not-divided-by-batch",
        [
            ("(self.y - self.t) / batch_size", "self.y - self.t"),
            ("dx = dx / batch_size", "dx = dx"),
        ],
    ),
    (
        "04-softmax-with-loss",
        "backward-sign",
        [("(self.y - self.t) / batch_size", "(self.t - self.y) / batch_size")],
    ),
    (
        "04-softmax-with-loss",
        "labels-unsupported",
        [
            (
                "        if self.t.size == self.y.size:\n            dx = (self.y - self.t) / batch_size\n        else:\n            dx = self.y.copy()\n            dx[np.arange(batch_size), self.t] -= 1\n            dx = dx / batch_size",
                "        dx = (self.y - self.t) / batch_size",
            ),
        ],
    ),
    (
        "04-softmax-with-loss",
        "loss-not-mean",
        [
            (
                "self.loss = cross_entropy_error(self.y, self.t)",
                "self.loss = -np.log(self.y[np.arange(x.shape[0]), self.t.reshape(x.shape[0], -1).argmax(axis=1) if self.t.ndim == 2 else self.t] + 1e-7)",
            ),
        ],
    ),
    (
        "04-two-layer-net",
        "params-not-shared",
        [
            (
                'Affine(self.params["W2"], self.params["b2"])',
                'Affine(self.params["W2"].copy(), self.params["b2"].copy())',
            )
        ],
    ),
    (
        "04-two-layer-net",
        "accuracy-one-hot",
        [("        if t.ndim != 1:\n            t = np.argmax(t, axis=1)\n", "")],
    ),
    (
        "05-sgd-momentum",
        "not-in-place",
        [
            (
                "        for key in params.keys():\n            params[key] -= self.lr * grads[key]",
                "        params = {k: params[k] - self.lr * grads[k] for k in params}",
            )
        ],
    ),
    ("05-sgd-momentum", "sgd-sign", [("params[key] -= self.lr", "params[key] += self.lr")]),
    (
        "05-sgd-momentum",
        "momentum-sign",
        [("self.momentum * self.v[key] - self.lr", "self.momentum * self.v[key] + self.lr")],
    ),
    ("05-sgd-momentum", "velocity-reset", [("        if self.v is None:\n", "        if True:\n")]),
    (
        "05-adagrad-rmsprop",
        "not-in-place",
        [
            (
                "            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)\n\n",
                "            params = dict(params, **{key: params[key] - self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)})\n\n",
            )
        ],
    ),
    (
        "05-adagrad-rmsprop",
        "no-sqrt",
        [("/ (np.sqrt(self.h[key]) + 1e-7)\n\n", "/ (self.h[key] + 1e-7)\n\n")],
    ),
    (
        "05-adagrad-rmsprop",
        "h-not-accumulated",
        [("self.h[key] += grads[key] * grads[key]", "self.h[key] = grads[key] * grads[key]")],
    ),
    ("05-adagrad-rmsprop", "no-one-minus-decay", [("(1 - self.decay_rate) * grads", "grads")]),
    (
        "05-adam",
        "not-in-place",
        [
            (
                "params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)",
                "params = {**params, key: params[key] - lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)}",
            )
        ],
    ),
    (
        "05-adam",
        "no-bias-correction",
        [
            (
                "lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)",
                "lr_t = self.lr",
            )
        ],
    ),
    ("05-adam", "t-not-counted", [("self.iter += 1", "self.iter = 1")]),
    ("05-adam", "v-not-squared", [("grads[key] ** 2 - self.v[key]", "grads[key] - self.v[key]")]),
    ("00-numpy", "reversed", [("a[1:] - a[:-1]", "a[:-1] - a[1:]")]),
    ("00-numpy", "row-means", [("X.mean(axis=0, keepdims=True)", "X.mean(axis=1, keepdims=True)")]),
    ("00-numpy", "overall-mean", [("X.mean(axis=0, keepdims=True)", "X.mean()")]),
    (
        "00-numpy",
        "shared-counts",
        [("    def __init__(self):\n        self.counts = {}\n", "    counts = {}\n")],
    ),
    ("02-forward", "sigmoid-on-output", [("y = identity_function(a3)", "y = sigmoid(a3)")]),
    (
        "02-forward",
        "no-hidden-activation",
        [("z1 = sigmoid(a1)", "z1 = a1"), ("z2 = sigmoid(a2)", "z2 = a2")],
    ),
    (
        "07-dropout",
        "scaled-at-test",
        [("        return x\n", "        return x * (1.0 - self.dropout_ratio)\n")],
    ),
    (
        "07-dropout",
        "not-inverted",
        [("return x * self.mask / (1.0 - self.dropout_ratio)", "return x * self.mask")],
    ),
    (
        "07-dropout",
        "new-mask",
        [
            (
                "return dout * self.mask",
                "return dout * (np.random.rand(*dout.shape) > self.dropout_ratio)",
            )
        ],
    ),
    ("07-weight-decay", "no-half", [("0.5 * lam * np.sum", "lam * np.sum")]),
    ("07-weight-decay", "decays-biases", [('if key.startswith("W"):', "if True:")]),
    ("08-kfold", "drops-remainder", [("    fold_sizes[: n % k] += 1\n", "")]),
    ("08-kfold", "remainder-in-last", [("fold_sizes[: n % k] += 1", "fold_sizes[-1] += n % k")]),
    ("08-metrics", "swapped", [("return precision, recall", "return recall, precision")]),
    (
        "08-metrics",
        "hard-predictions",
        [
            (
                "    pos = scores[y_true == 1]\n",
                "    scores = (scores >= 0.5).astype(float)\n    pos = scores[y_true == 1]\n",
            )
        ],
    ),
    ("08-metrics", "ties-ignored", [("(greater + 0.5 * ties)", "greater")]),
    ("09-workflow", "ema-zero-start", [("smoothed, s = [], values[0]", "smoothed, s = [], 0.0")]),
    (
        "09-workflow",
        "ema-beta-swapped",
        [("s = beta * s + (1 - beta) * x", "s = (1 - beta) * s + beta * x")],
    ),
    (
        "09-workflow",
        "multilabel-softmax",
        [('"multilabel": ("sigmoid"', '"multilabel": ("softmax"')],
    ),
    ("09-workflow", "regression-activation", [('(None, "mse")', '("relu", "mse")')]),
    ("06-init", "no-sqrt", [("return np.sqrt(2.0 / n)", "return 2.0 / n")]),
    ("06-init", "xavier-like-he", [("return 1 / np.sqrt(n)", "return np.sqrt(2 / n)")]),
    ("06-init", "he-like-xavier", [("np.sqrt(2.0 / n)", "np.sqrt(1.0 / n)")]),
    (
        "06-batchnorm",
        "running-in-training",
        [
            (
                "            xn = xc / std\n",
                "            xn = (x - self.running_mean) / np.sqrt(self.running_var + 10e-7)\n",
            )
        ],
    ),
    (
        "06-batchnorm",
        "running-not-updated",
        [
            (
                "            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu\n",
                "",
            ),
            (
                "            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var\n",
                "",
            ),
        ],
    ),
    ("06-batchnorm", "no-mean-term", [("dx = dxc - dmu / self.batch_size", "dx = dxc")]),
    ("10-im2col", "overwrite", [("+= col[:, :, y, x, :, :]", "= col[:, :, y, x, :, :]")]),
    (
        "10-im2col",
        "column-order",
        [
            ("col.transpose(0, 4, 5, 1, 2, 3)", "col.transpose(0, 4, 5, 2, 3, 1)"),
            (
                "col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)",
                "col.reshape(N, out_h, out_w, filter_h, filter_w, C).transpose(0, 5, 3, 4, 1, 2)",
            ),
        ],
    ),
    (
        "10-im2col",
        "pad-ignored",
        [
            (
                "    N, C, H, W = input_data.shape\n",
                "    N, C, H, W = input_data.shape\n    pad = 0\n",
            )
        ],
    ),
    (
        "10-im2col",
        "stride-ignored",
        [
            (
                "    N, C, H, W = input_data.shape\n",
                "    N, C, H, W = input_data.shape\n    stride = 1\n",
            )
        ],
    ),
    (
        "10-convolution",
        "reshape-not-transpose",
        [
            (
                "out = out.reshape(N, out_h, out_w, -1).transpose(0, 3, 1, 2)",
                "out = out.reshape(N, -1, out_h, out_w)",
            )
        ],
    ),
    ("10-convolution", "db-not-summed", [("self.db = np.sum(dout, axis=0)", "self.db = dout")]),
    (
        "10-convolution",
        "dw-not-reshaped",
        [("        self.dW = self.dW.transpose(1, 0).reshape(FN, C, FH, FW)\n", "")],
    ),
    ("10-output-size", "no-2p", [("2 * pad", "pad")]),
    ("10-output-size", "no-plus-one", [(" // stride + 1", " // stride")]),
    ("10-output-size", "float-division", [("// stride", "/ stride")]),
    (
        "10-simple-convnet",
        "pool-output-size",
        [("int(filter_num * (conv_output_size / 2)", "int((conv_output_size / 2)")],
    ),
    (
        "10-simple-convnet",
        "params-not-shared",
        [
            (
                'Affine(self.params["W3"], self.params["b3"])',
                'Affine(self.params["W3"].copy(), self.params["b3"].copy())',
            )
        ],
    ),
    ("10-pooling", "mean-pooling", [("out = np.max(col, axis=1)", "out = np.mean(col, axis=1)")]),
    (
        "10-pooling",
        "reshape-not-transpose",
        [
            (
                "out = out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)",
                "out = out.reshape(N, C, out_h, out_w)",
            )
        ],
    ),
    (
        "10-pooling",
        "backward-to-all",
        [
            (
                "dmax[np.arange(self.arg_max.size), self.arg_max.flatten()] = dout.flatten()",
                "dmax[:, :] = dout.reshape(-1, 1)",
            )
        ],
    ),
    # lessons 11-16
    ("11-feature-maps", "no-relu", [("return np.maximum(out, 0)", "return out")]),
    ("11-feature-maps", "no-bias", [(" + b\n", "\n")]),
    ("11-feature-maps", "kernel-flipped", [("patch, W,", "patch, W[:, :, ::-1, ::-1],")]),
    ("11-class-activation-map", "no-relu", [("    cam = np.maximum(cam, 0)\n", "")]),
    ("11-class-activation-map", "not-normalised", [("cam = cam / cam.max()", "pass")]),
    (
        "11-class-activation-map",
        "min-max",
        [("cam = cam / cam.max()", "cam = (cam - cam.min()) / (cam.max() - cam.min())")],
    ),
    ("11-class-activation-map", "zero-division", [("if cam.max() > 0:", "if True:")]),
    (
        "12-freezing",
        "counts-frozen",
        [("        if not layer.trainable:\n            continue\n        for p", "        for p")],
    ),
    ("12-freezing", "counts-arrays", [("total += p.size", "total += 1")]),
    (
        "12-freezing",
        "updates-frozen",
        [
            (
                "        if not layer.trainable:\n            continue\n        for key",
                "        for key",
            )
        ],
    ),
    (
        "12-freezing",
        "not-in-place",
        [
            (
                "layer.params[key] -= lr * layer.grads[key]",
                "p = layer.params[key]\n            p = p - lr * layer.grads[key]",
            )
        ],
    ),
    ("13-tokenize", "id-zero-used", [("i + 2 for", "i for")]),
    ("13-tokenize", "post-padding", [("out[i, maxlen - len(s) :] = s", "out[i, : len(s)] = s")]),
    ("13-tokenize", "keeps-start", [("s = ids[-maxlen:]", "s = ids[:maxlen]")]),
    ("13-tokenize", "not-lowercased", [("for w in t.lower().split()}", "for w in t.split()}")]),
    (
        "13-one-hot-hashing",
        "transposed",
        [
            ("np.zeros((len(indices), depth))", "np.zeros((depth, len(indices)))"),
            ("out[np.arange(len(indices)), indices]", "out[indices, np.arange(len(indices))]"),
        ],
    ),
    (
        "13-one-hot-hashing",
        "python-hash",
        [("zlib.crc32(word.encode()) % dim", "hash(word) % dim")],
    ),
    (
        "13-one-hot-hashing",
        "no-modulo",
        [("zlib.crc32(word.encode()) % dim", "zlib.crc32(word.encode())")],
    ),
    (
        "13-embedding",
        "repeated-ids-lost",
        [("np.add.at(self.dW, self.idx, dout)", "self.dW[self.idx] += dout")],
    ),
    (
        "13-embedding",
        "dw-not-reset",
        [
            (
                "        self.dW = np.zeros_like(self.W)\n",
                "        if self.dW is None:\n            self.dW = np.zeros_like(self.W)\n",
            )
        ],
    ),
    ("14-rnn-cell", "no-tanh-grad", [("dt = dh_next * (1 - h_next**2)", "dt = dh_next")]),
    ("14-rnn-cell", "u-not-transposed", [("np.dot(dt, self.U.T)", "np.dot(dt, self.U)")]),
    ("14-rnn-cell", "db-not-summed", [("np.sum(dt, axis=0)", "dt")]),
    ("14-bptt", "no-carry", [("dh = dhs[:, t] + dh_next", "dh = dhs[:, t]")]),
    ("14-bptt", "grads-overwritten", [("dW += np.dot", "dW = np.dot")]),
    (
        "14-bptt",
        "wraps-around",
        [("hs[:, t - 1] if t > 0 else np.zeros((N, H))", "hs[:, t - 1]")],
    ),
    (
        "14-lstm-step",
        "gate-order",
        [
            (
                "    i = sigmoid(z[:, :H])\n    f = sigmoid(z[:, H : 2 * H])\n    g = np.tanh(z[:, 2 * H : 3 * H])",
                "    f = sigmoid(z[:, :H])\n    g = np.tanh(z[:, H : 2 * H])\n    i = sigmoid(z[:, 2 * H : 3 * H])",
            )
        ],
    ),
    ("14-lstm-step", "no-forget", [("c_next = f * c + i * g", "c_next = c + i * g")]),
    ("14-lstm-step", "no-tanh-c", [("h_next = o * np.tanh(c_next)", "h_next = o * c_next")]),
    ("14-lstm-step", "candidate-sigmoid", [("g = np.tanh(z", "g = sigmoid(z")]),
    ("15-early-stopping", "stops-late", [("wait >= patience", "wait > patience")]),
    (
        "15-early-stopping",
        "wait-not-reset",
        [("best, best_epoch, wait = loss, epoch, 0", "best, best_epoch = loss, epoch")],
    ),
    ("15-early-stopping", "ties-improve", [("if loss < best", "if loss <= best")]),
    ("15-ensemble", "wrong-axis", [("probs.mean(axis=0)", "probs.mean(axis=1)")]),
    (
        "15-ensemble",
        "weights-not-normalised",
        [("np.tensordot(w, probs, axes=1) / w.sum()", "np.tensordot(w, probs, axes=1)")],
    ),
    (
        "15-ensemble",
        "weights-ignored",
        [
            (
                "    w = np.asarray(weights, dtype=float)\n    return np.tensordot(w, probs, axes=1) / w.sum()",
                "    return probs.mean(axis=0)",
            )
        ],
    ),
    ("16-temperature", "multiplied", [("np.log(p) / temperature", "np.log(p) * temperature")]),
    ("16-temperature", "not-normalised", [("return e / e.sum()", "return e")]),
    ("16-temperature", "no-log", [("np.log(p) / temperature", "p / temperature")]),
    (
        "16-temperature",
        "greedy",
        [("return int(rng.choice(len(p), p=q))", "return int(np.argmax(q))")],
    ),
    (
        "16-temperature",
        "ignores-temperature",
        [("    q = reweight(p, temperature)\n", "    q = p\n")],
    ),
    ("16-temperature", "global-rng", [("int(rng.choice(", "int(np.random.choice(")]),
    ("16-gram-matrix", "transposed-product", [("return F.T @ F", "return F @ F.T")]),
    (
        "16-gram-matrix",
        "wrong-reshape",
        [
            (
                "F = features.reshape(-1, features.shape[-1])\n    return F.T @ F",
                "F = features.reshape(features.shape[-1], -1)\n    return F @ F.T",
            )
        ],
    ),
    (
        "16-gram-matrix",
        "no-normalisation",
        [("float(squared / (4 * n**2 * m**2))", "float(squared)")],
    ),
    (
        "16-gram-matrix",
        "not-squared",
        [
            (
                "np.sum((gram_matrix(gen) - gram_matrix(style)) ** 2)",
                "np.sum(np.abs(gram_matrix(gen) - gram_matrix(style)))",
            )
        ],
    ),
]

IDS = [e.id for e in all_exercises()]


def _check(exercise_id: str, code: str, tmp_path: Path, lang: str = "en"):
    exercise = get_exercise(exercise_id)
    path = tmp_path / exercise.filename
    path.write_text(code, encoding="utf-8")
    value = run(payload_for(exercise, path))
    return report_from(exercise, lang, SandboxResult("ok", value=value))


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_solution_passes(exercise_id: str, tmp_path: Path) -> None:
    report = _check(exercise_id, get_exercise(exercise_id).solution_code, tmp_path)
    assert report.passed, [i.message for i in report.failed]
    assert len(report.items) >= 3
    in_japanese = _check(exercise_id, get_exercise(exercise_id).solution_code, tmp_path, "ja")
    assert not any("[[" in item.name for item in in_japanese.items)


@pytest.mark.parametrize("exercise_id", IDS)
def test_untouched_template_fails(exercise_id: str, tmp_path: Path) -> None:
    exercise = get_exercise(exercise_id)
    for lang in ("en", "ja"):
        report = _check(exercise_id, exercise.template(lang), tmp_path, lang)
        assert not report.passed
        assert "NotImplementedError" in report.failed[0].message


@pytest.mark.parametrize(
    ("exercise_id", "mistake", "edits"), MISTAKES, ids=[f"{e}:{m}" for e, m, _ in MISTAKES]
)
def test_mistake_is_named(exercise_id: str, mistake: str, edits, tmp_path: Path) -> None:
    exercise = get_exercise(exercise_id)
    code = exercise.solution_code
    for old, new in edits:
        assert old in code, f"the solution no longer contains {old!r}"
        code = code.replace(old, new)
    for lang in ("en", "ja"):
        report = _check(exercise_id, code, tmp_path, lang)
        assert not report.passed
        first = report.failed[0]
        assert first.mistake == mistake, first.message
        assert exercise.text(lang, f"mistake.{mistake}") in first.message


def test_every_listed_mistake_has_a_case_and_every_core_exercise_two() -> None:
    covered = {(e, m) for e, m, _ in MISTAKES}
    for exercise in all_exercises():
        assert {(exercise.id, m) for m in exercise.mistakes} <= covered, exercise.id
        assert len(exercise.mistakes) >= 2, exercise.id


def test_a_failure_shows_input_and_expected_against_got(tmp_path: Path) -> None:
    code = get_exercise("02-softmax").solution_code.replace("np.exp(a - c)", "np.exp(a)")
    message = _check("02-softmax", code, tmp_path).failed[0].message
    assert "input: a = [1010. 1000.  990.]" in message
    assert "expected 0.999955, got nan" in message
    assert "def check" not in message and "F.softmax" not in message


def test_a_shape_failure_reports_the_shape_first(tmp_path: Path) -> None:
    code = get_exercise("04-affine").solution_code.replace("np.sum(dout, axis=0)", "dout")
    message = _check("04-affine", code, tmp_path, "ja").failed[0].message
    assert message.splitlines()[0] == "形状：期待 (2,)、実際 (3, 2)"


def test_template_carries_the_task_in_the_learner_language() -> None:
    exercise = get_exercise("02-softmax")
    assert exercise.template("ja").startswith(
        '"""02-softmax · オーバーフローしないソフトマックス関数'
    )
    assert "dltutor exercise check 02-softmax" in exercise.template("en")
    compile(exercise.template("ja"), "x.py", "exec")


def test_step_names_read_in_the_learner_language(tmp_path: Path) -> None:
    names = [
        i.name
        for i in _check(
            "02-softmax", get_exercise("02-softmax").solution_code, tmp_path, "ja"
        ).items
    ]
    assert "softmax(a + 1000): 有限で、各行の和が 1" in names


def test_a_missing_return_is_named(tmp_path: Path) -> None:
    code = get_exercise("04-affine").solution_code.replace("        return dx\n", "")
    report = _check("04-affine", code, tmp_path)
    assert report.failed[0].mistake == "returned-none"
    assert "is a `return` missing?" in report.failed[0].message


def test_a_later_hint_is_pointed_to_not_given_away(tmp_path: Path) -> None:
    exercise = get_exercise("04-affine")
    path = tmp_path / exercise.filename
    path.write_text(exercise.template("en"))
    value = run(payload_for(exercise, path))
    early = report_from(exercise, "en", SandboxResult("ok", value=value), hints_shown=0)
    later = next(i.message for i in early.failed if "Hint 3 fits this" in i.message)
    assert exercise.hints("en")[2] not in later
    full = report_from(exercise, "en", SandboxResult("ok", value=value), hints_shown=3)
    assert any(exercise.hints("en")[2] in i.message for i in full.failed)
