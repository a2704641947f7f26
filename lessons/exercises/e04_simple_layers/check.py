def _pair(c, result):
    c.require(
        isinstance(result, (tuple, list)) and len(result) == 2,
        "not-a-pair",
        got=type(result).__name__,
        expected="(dx, dy)",
    )
    return result


def check(ns, c):
    Mul, Add = ns["MulLayer"], ns["AddLayer"]
    with c.step("MulLayer.forward(100, 2), MulLayer.backward(1)", hint=2):
        layer = Mul()
        c.compare(layer.forward(100.0, 2.0), 200.0, inputs={"x": 100.0, "y": 2.0})
        dx, dy = _pair(c, layer.backward(1.0))
        c.compare(
            dx, 2.0, inputs={"x": 100.0, "y": 2.0, "dout": 1.0}, like={"mul-not-swapped": 100.0}
        )
        c.compare(
            dy, 100.0, inputs={"x": 100.0, "y": 2.0, "dout": 1.0}, like={"mul-not-swapped": 2.0}
        )
    x, y = c.rng.standard_normal((2, 3)), c.rng.standard_normal((2, 3))
    dout = c.rng.standard_normal((2, 3))
    shown = {"x": x, "y": y, "dout": dout}
    with c.step("MulLayer.forward(x, y), .backward(dout)  x, y, dout: (2, 3)", hint=2):
        layer = Mul()
        c.compare(layer.forward(x.copy(), y.copy()), x * y, inputs=shown)
        dx, dy = _pair(c, layer.backward(dout.copy()))
        c.compare(dx, dout * y, inputs=shown, like={"mul-not-swapped": dout * x})
        c.compare(dy, dout * x, inputs=shown, like={"mul-not-swapped": dout * y})
    with c.step("AddLayer.forward(x, y), .backward(dout)  x, y, dout: (2, 3)", hint=3):
        layer = Add()
        c.compare(layer.forward(x.copy(), y.copy()), x + y, inputs=shown)
        dx, dy = _pair(c, layer.backward(dout.copy()))
        for got in (dx, dy):
            c.compare(got, dout, inputs=shown, like={"add-scaled": 2 * dout})
    with c.step("AddLayer.forward(2, 3), AddLayer.backward(1.5)", hint=3):
        layer = Add()
        c.compare(layer.forward(2.0, 3.0), 5.0, inputs={"x": 2.0, "y": 3.0})
        dx, dy = _pair(c, layer.backward(1.5))
        c.compare(dx, 1.5, inputs={"dout": 1.5}, like={"add-scaled": 3.0})
        c.compare(dy, 1.5, inputs={"dout": 1.5}, like={"add-scaled": 3.0})
