import numpy as np

from dltutor.engine import functions as F

SCALAR_ONLY = ("only length-1 arrays", "only size-1 arrays", "only 0-dimensional arrays")
STEP_ERRORS = {"truth value of an array": "scalar-if"} | dict.fromkeys(SCALAR_ONLY, "scalar-if")
SIGMOID_ERRORS = dict.fromkeys(SCALAR_ONLY, "math-exp")
RELU_ERRORS = {"scalar index": "np-max", "axis": "np-max", "truth value of an array": "scalar-if"}


def check(ns, c):
    step_function, sigmoid, relu = ns["step_function"], ns["sigmoid"], ns["relu"]
    x = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    with c.step("step_function(x)  x: (5,) [[with-zero]]", hint=1, errors=STEP_ERRORS):
        got = step_function(x.copy())
        c.compare(
            got, F.step_function(x), inputs={"x": x}, like={"step-at-zero": x >= 0}, dtype=False
        )
        c.require(
            np.asarray(got).dtype != bool,
            "step-bool",
            kind="dtype",
            expected_dtype="int64",
            got_dtype="bool",
        )
    with c.step("step_function(x)  x: (2, 3)", hint=1, errors=STEP_ERRORS):
        m = c.rng.standard_normal((2, 3))
        c.compare(step_function(m.copy()), F.step_function(m), inputs={"x": m}, dtype=False)
    with c.step("sigmoid(x)  x: (5,)", hint=2, errors=SIGMOID_ERRORS):
        c.compare(
            sigmoid(x.copy()), F.sigmoid(x), inputs={"x": x}, like={"sigmoid-sign": F.sigmoid(-x)}
        )
    with c.step("sigmoid(x)  x: (3, 4), |x| ≤ 800", hint=2, errors=SIGMOID_ERRORS):
        m = c.rng.standard_normal((3, 4)) * 5
        m[0, 0], m[1, 1] = 800.0, -800.0
        c.compare(
            sigmoid(m.copy()), F.sigmoid(m), inputs={"x": m}, like={"sigmoid-sign": F.sigmoid(-m)}
        )
    with c.step("relu(x)  x: (5,)", hint=3, errors=RELU_ERRORS):
        keep = x.copy()
        got = relu(x)
        c.require(np.array_equal(x, keep), "changes-input", got=str(x), expected=str(keep))
        c.compare(got, F.relu(x), inputs={"x": x})
    with c.step("relu(x)  x: (2, 3, 2)", hint=3, errors=RELU_ERRORS):
        m = c.rng.standard_normal((2, 3, 2))
        keep = m.copy()
        got = relu(m)
        c.require(np.array_equal(m, keep), "changes-input", got=str(m), expected=str(keep))
        c.compare(got, F.relu(keep), inputs={"x": keep})
