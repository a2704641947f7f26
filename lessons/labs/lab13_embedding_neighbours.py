"""13-embedding-neighbours: nearest words in the shipped sentiment model's embedding space."""

from __future__ import annotations

import numpy as np

from dltutor.lessons.words import Words

from ._common import load_shipped
from .base import Frame, Lab, LabError, Table, choice_knob, int_knob

QUERIES = ("good", "bad", "great", "boring", "funny", "worst", "love", "movie")


WORDS = Words(
    "lab 13-embedding-neighbours",
    {
        "en": {
            "lab_title": "Nearest neighbours in an embedding space",
            "lab_summary": (
                "Look up words in the shipped SST-2 model's embedding table and list "
                "their nearest neighbours."
            ),
            "knob_word": "Word to look up (or all).",
            "knob_k": "Neighbours per word.",
            "missing": "(not in the vocabulary)",
            "table": "nearest neighbours by cosine similarity ({n} words × {d} dims)",
            "word": "word",
            "neighbours": "neighbours",
            "message": (
                "The embedding was learned only to tell positive from negative reviews, "
                "so words sit near words with the same sentiment, not necessarily the "
                "same meaning."
            ),
        },
        "ja": {
            "lab_title": "埋め込み空間の近傍単語",
            "lab_summary": (
                "付属の SST-2 モデルの埋め込み表で単語を調べ、最も近い単語を一覧にします。"
            ),
            "knob_word": "調べる単語（またはすべて）。",
            "knob_k": "1 単語あたりの近傍の数。",
            "missing": "（語彙にない単語）",
            "table": "コサイン類似度で最も近い単語（{n} 語 × {d} 次元）",
            "word": "単語",
            "neighbours": "近い単語",
            "message": (
                "この埋め込みは、"
                "肯定的なレビューと否定的なレビューを見分けるためだけに学習されました。そのため、"
                "近くに集まるのは感情が同じ単語で、意味が同じ単語とは限りません。"
            ),
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    model, card = load_shipped("sst2-rnn")
    from dltutor.engine.inference.cards import load_vocab

    vocab = load_vocab(card)
    words = (
        vocab
        if isinstance(vocab, list)
        else vocab.get("tokens") or vocab.get("vocab") or vocab.get("index_to_token")
    )
    if isinstance(words, dict):
        words = [w for w, _ in sorted(words.items(), key=lambda kv: kv[1])]
    if not isinstance(words, list):
        raise LabError(
            "the sst2-rnn vocabulary has an unexpected layout; rebuild it with `dltutor models train sst2-rnn`"
        )
    emb_layer = next((layer for layer in model.layers if "embeddings" in layer.params), None)
    if emb_layer is None:
        raise LabError("the sst2-rnn model has no Embedding layer")
    table = emb_layer.params["embeddings"].astype(np.float64)
    unit = table / np.maximum(np.linalg.norm(table, axis=1, keepdims=True), 1e-12)
    index = {w: i for i, w in enumerate(words)}
    queries = QUERIES if knobs["word"] == "all" else (knobs["word"],)
    k = knobs["k"]
    rows, metrics = [], {}
    for q in queries:
        if q not in index:
            rows.append([q, txt["missing"]])
            continue
        sims = unit @ unit[index[q]]
        sims[index[q]] = -np.inf
        sims[:2] = -np.inf  # padding and unknown
        near = np.argsort(sims)[::-1][:k]
        rows.append([q, ", ".join(f"{words[i]} {sims[i]:.2f}" for i in near)])
        metrics[f"{q}_top_similarity"] = float(sims[near[0]])
    if "good" in index and "bad" in index and "great" in index:
        metrics["sim_good_great"] = float(unit[index["good"]] @ unit[index["great"]])
        metrics["sim_good_bad"] = float(unit[index["good"]] @ unit[index["bad"]])
    yield Frame(
        step=1,
        total=1,
        final=True,
        plots=[
            Table(
                txt["table"].format(n=table.shape[0], d=table.shape[1]),
                [txt["word"], txt["neighbours"]],
                rows,
            )
        ],
        metrics=metrics,
        message=txt["message"],
    )


LAB = Lab(
    id="13-embedding-neighbours",
    lesson="13",
    words=WORDS,
    knobs=(
        choice_knob("word", "all", ("all", *QUERIES)),
        int_knob("k", 5, 1, 20),
    ),
    run_fn=run,
    needs=("sst2-rnn model",),
)
