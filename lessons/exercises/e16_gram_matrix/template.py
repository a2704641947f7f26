import numpy as np


def gram_matrix(features):
    """G = Fᵀ·F, (C, C), with F the (H·W, C) matrix of the (H, W, C) feature maps."""
    raise NotImplementedError("write gram_matrix")


def style_loss(gen, style):
    """Σ (G(gen) − G(style))² / (4·N²·M²), N channels, M = H·W positions."""
    raise NotImplementedError("write style_loss")
