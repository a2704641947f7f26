"""The typical mistakes the checks of lessons 06–16 must name: small edits of the reference
solution, one case per recognised mistake (exercise, mistake, [(text in the solution, what it
becomes), ...])."""

from __future__ import annotations

MISTAKES: list[tuple[str, str, list[tuple[str, str]]]] = [
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
