import numpy as np

LAST_LAYER = {
    "binary": ("sigmoid", "binary_crossentropy"),
    "multiclass": ("softmax", "categorical_crossentropy"),
    "multiclass-integer": ("softmax", "sparse_categorical_crossentropy"),
    "multilabel": ("sigmoid", "binary_crossentropy"),
    "regression": (None, "mse"),
}


def ema(values, beta=0.9):
    smoothed, s = [], values[0]
    for x in values:
        s = beta * s + (1 - beta) * x
        smoothed.append(s)
    return np.array(smoothed)


def last_layer(task):
    if task not in LAST_LAYER:
        raise ValueError(f"unknown task {task!r}")
    return LAST_LAYER[task]
