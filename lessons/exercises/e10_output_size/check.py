from numbers import Integral

from dltutor.engine.functions import conv_output_size as engine_size

CASES = (
    (28, 5, 1, 0),
    (7, 3, 2, 1),
    (4, 2, 2, 0),
    (28, 3, 1, 1),
    (31, 5, 2, 2),
    (5, 5, 1, 0),
)


def check(ns, c):
    conv_output_size = ns["conv_output_size"]
    for h, fh, s, p in CASES:
        with c.step(f"conv_output_size({h}, {fh}, stride={s}, pad={p})", hint=1 if p else 2):
            got = conv_output_size(h, fh, stride=s, pad=p)
            like = [
                ("no-2p", (h + p - fh) // s + 1),
                ("no-plus-one", (h + 2 * p - fh) // s),
            ]
            c.compare(got, engine_size(h, fh, s, p), like=like, dtype=False)
            c.require(
                isinstance(got, Integral),
                "float-division",
                kind="type",
                got=f"{got!r} ({type(got).__name__})",
            )
    with c.step("conv_output_size(28, 5)  [stride=1, pad=0]", hint=1):
        c.compare(conv_output_size(28, 5), engine_size(28, 5), dtype=False)
