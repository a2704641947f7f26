"""Data sets: toy generators, scikit-learn's small sets, MNIST, Fashion-MNIST, splits and scaling."""

from .fashion import (
    CLASS_NAMES as FASHION_CLASS_NAMES,
)
from .fashion import (
    DatasetCorruptError,
    DatasetNotFoundError,
    load_fashion_mnist,
)
from .mnist import load_mnist
from .sklearn_sets import load_breast_cancer, load_diabetes, load_digits
from .split import (
    Standardizer,
    iterated_kfold_indices,
    kfold_indices,
    normalize,
    one_hot,
    train_val_split,
)
from .toy import (
    BOWL_START,
    bowl,
    bowl_gradient,
    circles,
    logic_gate,
    moons,
    optimizer_path,
    spiral,
    xor,
)

__all__ = [
    "BOWL_START",
    "FASHION_CLASS_NAMES",
    "DatasetCorruptError",
    "DatasetNotFoundError",
    "Standardizer",
    "bowl",
    "bowl_gradient",
    "circles",
    "iterated_kfold_indices",
    "kfold_indices",
    "load_breast_cancer",
    "load_diabetes",
    "load_digits",
    "load_fashion_mnist",
    "load_mnist",
    "logic_gate",
    "moons",
    "normalize",
    "one_hot",
    "optimizer_path",
    "spiral",
    "train_val_split",
    "xor",
]
