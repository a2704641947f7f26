"""dltutor's deep-learning engine: NumPy layers, losses, optimizers, a training loop that is a
generator, data sets, and gradient checks. Imports NumPy only (sklearn / onnx lazily, inside
the functions that need them)."""

from .callbacks import Callback, EarlyStopping, History, ModelCheckpoint, ReduceLROnPlateau
from .gradcheck import gradcheck, gradcheck_loss
from .model import Sequential
from .training import EpochRecord, StepRecord, TrainingDiverged

__all__ = [
    "Callback",
    "EarlyStopping",
    "EpochRecord",
    "History",
    "ModelCheckpoint",
    "ReduceLROnPlateau",
    "Sequential",
    "StepRecord",
    "TrainingDiverged",
    "gradcheck",
    "gradcheck_loss",
]
