import numpy as np


def class_activation_map(feature_maps, weights):
    cam = np.tensordot(weights, feature_maps, axes=1)
    cam = np.maximum(cam, 0)
    if cam.max() > 0:
        cam = cam / cam.max()
    return cam
