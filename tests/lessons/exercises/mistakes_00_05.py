"""The typical mistakes the checks of lessons 00–05 must name: small edits of the reference
solution, one case per recognised mistake (exercise, mistake, [(text in the solution, what it
becomes), ...])."""

from __future__ import annotations

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
]
