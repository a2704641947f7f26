import numpy as np

# the lesson's recorded curve: (5, 3) with patience 2, (9, 6) with patience 3
LESSON = [0.90, 0.70, 0.60, 0.58, 0.59, 0.61, 0.57, 0.60, 0.62, 0.63, 0.65]
TIES = [1.0, 0.8, 0.8, 0.7, 0.7, 0.7, 0.75, 0.9]


def _replay(val_loss, patience, late=False, reset=True, ties=False):
    """The lesson's EarlyStopping, or a mistake's version of it: (stop_epoch, best_epoch).
    (The engine's callback stops when wait > patience, one epoch later than Keras and this
    lesson, so the reference is written out here.)"""
    best, best_epoch, wait = np.inf, None, 0
    for epoch, loss in enumerate(val_loss):
        if loss < best or (ties and loss == best):
            best, best_epoch = loss, epoch
            wait = 0 if reset else wait
            continue
        wait += 1
        if (wait > patience) if late else (wait >= patience):
            return epoch, best_epoch
    return len(val_loss) - 1, best_epoch


def _like(val_loss, patience):
    return [
        ("stops-late", _replay(val_loss, patience, late=True)),
        ("wait-not-reset", _replay(val_loss, patience, reset=False)),
        ("ties-improve", _replay(val_loss, patience, ties=True)),
    ]


def check(ns, c):
    early_stopping = ns["early_stopping"]
    noisy = list(np.round(1.0 / np.arange(1, 21) + c.rng.normal(0, 0.04, 20), 3))
    cases = (
        (LESSON, 2, 2),
        (LESSON, 3, 2),
        (TIES, 2, 2),
        (LESSON, 1, 3),
        (LESSON, 10, 3),
        (noisy, 3, 1),
        ([1.0, 0.5, 0.25, 0.125], 1, 1),
    )
    for val_loss, patience, hint in cases:
        start = ", ".join(f"{v:g}" for v in val_loss[:4])
        label = f"val_loss = [{start}, …], len(val_loss) = {len(val_loss)}"
        with c.step(f"early_stopping(val_loss, patience={patience})  {label}", hint=hint):
            got = early_stopping(list(val_loss), patience)
            expected = _replay(val_loss, patience)
            shown = {"val_loss": val_loss, "patience": patience}
            c.compare(got, expected, inputs=shown, like=_like(val_loss, patience))
