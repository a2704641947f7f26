"""All layers, Keras names. `from dltutor.engine.layers import Dense, Conv2D, ...`."""

from .activations import Identity, LeakyReLU, ReLU, Sigmoid, Softmax, Tanh, get_activation
from .base import Layer
from .convolution import Conv2D
from .convolution1d import Conv1D
from .core import Affine, Dense, Dropout, Flatten
from .embedding import Embedding
from .gru import GRU
from .lstm import LSTM
from .masking import Masking
from .normalization import BatchNormalization
from .pooling import (
    AveragePooling2D,
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalMaxPooling1D,
    MaxPooling1D,
    MaxPooling2D,
)
from .simple_rnn import SimpleRNN
from .wrappers import Bidirectional, TimeDistributed

__all__ = [
    "Affine",
    "AveragePooling2D",
    "BatchNormalization",
    "Bidirectional",
    "Conv1D",
    "Conv2D",
    "Dense",
    "Dropout",
    "Embedding",
    "Flatten",
    "GRU",
    "GlobalAveragePooling1D",
    "GlobalAveragePooling2D",
    "GlobalMaxPooling1D",
    "Identity",
    "LSTM",
    "Layer",
    "LeakyReLU",
    "Masking",
    "MaxPooling1D",
    "MaxPooling2D",
    "ReLU",
    "Sigmoid",
    "SimpleRNN",
    "Softmax",
    "Tanh",
    "TimeDistributed",
    "get_activation",
]
