import numpy as np

from dltutor.engine.layers.core import Dropout as EngineDropout


def _engine_test_mode(ratio, x):
    layer = EngineDropout(ratio)
    layer.build((None, *x.shape[1:]), np.random.default_rng(0))
    return layer.forward(x.copy(), training=False)


def check(ns, c):
    Dropout = ns["Dropout"]
    ratio = 0.5
    x = c.rng.uniform(0.5, 1.5, size=(200, 50))
    shown = {"x": x, "dropout_ratio": ratio}
    with c.step("Dropout(0.5).forward(x, train_flg=False)  x: (200, 50)", hint=3):
        got = Dropout(ratio).forward(x.copy(), train_flg=False)
        c.compare(
            got,
            _engine_test_mode(ratio, x),
            inputs=shown,
            like=[("scaled-at-test", x * (1 - ratio)), ("scaled-at-test", x / (1 - ratio))],
        )
    layer = Dropout(ratio)
    out = None
    with c.step("Dropout(0.5).forward(x, train_flg=True): 0 or x / (1 − 0.5)", hint=2):
        out = np.asarray(layer.forward(x.copy(), train_flg=True), dtype=np.float64)
        c.compare(out.shape, x.shape, inputs=shown)
        kept = out != 0
        c.require(
            not np.allclose(out[kept], x[kept]),
            "not-inverted",
            got="x",
            expected="x / (1 − dropout_ratio)",
        )
        c.compare(out[kept], x[kept] / (1 - ratio), inputs=shown)
        share = float(1 - kept.mean())
        c.require(0.45 <= share <= 0.55, got=f"{share:.3f} dropped", expected="about 0.5 dropped")
    for dtype, rtol in ((np.float64, 1e-7), (np.float32, 1e-5)):
        name = f"Dropout(0.5).backward(dout) == dout * (out != 0) / 0.5  dout: {np.dtype(dtype)}"
        with c.step(name, hint=1):
            layer = Dropout(ratio)
            xd = x.astype(dtype)
            out = np.asarray(layer.forward(xd.copy(), train_flg=True), dtype=np.float64)
            dout = c.rng.standard_normal(x.shape).astype(dtype)
            got = np.asarray(layer.backward(dout.copy()))
            have = np.asarray(got, dtype=np.float64) if got is not None else None
            if have is not None and have.shape == x.shape:
                c.require(
                    np.array_equal(have != 0, out != 0),
                    "new-mask",
                    got="another mask",
                    expected="the mask of forward",
                )
            c.compare(got, dout * (out != 0) / (1 - ratio), inputs={"dout": dout}, rtol=rtol)
