import numpy as np

from dltutor.engine import functions as F


def _book_network():
    """The small network of DLFS chapter 3 (init_network)."""
    return {
        "W1": np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]),
        "b1": np.array([0.1, 0.2, 0.3]),
        "W2": np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]),
        "b2": np.array([0.1, 0.2]),
        "W3": np.array([[0.1, 0.3], [0.2, 0.4]]),
        "b3": np.array([0.1, 0.2]),
    }


def _random_network(rng, sizes):
    net = {}
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True), start=1):
        net[f"W{i}"] = rng.standard_normal((n_in, n_out))
        net[f"b{i}"] = rng.standard_normal(n_out)
    return net


def _outputs(net, x):
    """(the right output, the output of each mistake)."""

    def dense(z, i):
        return z @ net[f"W{i}"] + net[f"b{i}"]

    a3 = dense(F.sigmoid(dense(F.sigmoid(dense(x, 1)), 2)), 3)
    linear = dense(dense(dense(x, 1), 2), 3)
    return a3, {"sigmoid-on-output": F.sigmoid(a3), "no-hidden-activation": linear}


def check(ns, c):
    forward = ns["forward"]
    cases = [
        ("network = init_network() (DLFS 3.4.3), x = [1.0, 0.5]", _book_network(), None),
        ("network: 4 → 5 → 3 → 2, x: (4,)", _random_network(c.rng, (4, 5, 3, 2)), (4,)),
        ("network: 4 → 5 → 3 → 2, x: (6, 4)", _random_network(c.rng, (4, 5, 3, 2)), (6, 4)),
        ("network: 3 → 4 → 4 → 1, x: (2, 3) float32", _random_network(c.rng, (3, 4, 4, 1)), (2, 3)),
    ]
    for name, net, shape in cases:
        x = np.array([1.0, 0.5]) if shape is None else c.rng.standard_normal(shape)
        if "float32" in name:
            net = {k: v.astype(np.float32) for k, v in net.items()}
            x = x.astype(np.float32)
        with c.step(f"forward(network, x)  {name}", hint=1 if shape is None else 2):
            want, like = _outputs(
                {k: v.astype(np.float64) for k, v in net.items()}, x.astype(np.float64)
            )
            got = forward({k: v.copy() for k, v in net.items()}, x.copy())
            c.compare(got, want, inputs={"x": x}, like=like, rtol=1e-4, atol=1e-6)
