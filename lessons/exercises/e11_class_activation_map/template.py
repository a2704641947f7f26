import numpy as np


def class_activation_map(feature_maps, weights):
    """ReLU(Σ_k weights[k] · feature_maps[k]) scaled to [0, 1]: (K, H, W), (K,) -> (H, W)."""
    raise NotImplementedError("write class_activation_map")
