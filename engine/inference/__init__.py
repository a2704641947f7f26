"""Fast inference of the shipped models with ONNX Runtime (imported lazily).

- `cards`: model cards and the sha256 check; `runtime`: cached sessions and providers;
- `image`: make a photo look like the training data;
- `predict`: batched classification / generation returning one result per input (text is
  tokenised with the vocabulary saved beside the model).
"""
