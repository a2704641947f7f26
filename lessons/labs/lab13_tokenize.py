"""13-tokenize: words → ids → padded tensors; one-hot vs the hashing trick vs embeddings."""

from __future__ import annotations

import numpy as np

from dltutor.engine.text.tokenizers import (
    CharTokenizer,
    WordTokenizer,
    hashing_trick,
    pad_sequences,
)
from dltutor.lessons.words import Words

from .base import Frame, Images, Lab, Table, choice_knob, int_knob

SENTENCES = (
    "The movie was great!",
    "The plot was dull and far too long.",
    "Great acting, great music.",
    "I did not like it.",
)


WORDS = Words(
    "lab 13-tokenize",
    {
        "en": {
            "lab_title": "Tokenise, pad and encode sentences",
            "lab_summary": (
                "Split sentences into tokens, map them to ids, pad to one length; "
                "compare one-hot, hashing, embeddings."
            ),
            "knob_tokens": "Word or character tokens.",
            "knob_maxlen": "Length after padding / truncation.",
            "knob_padding": "Pad (and cut) at the end or the start.",
            "knob_hash_size": "Buckets for the hashing trick.",
            "knob_embed_dim": "Embedding size.",
            "table": "tokens → ids → padded",
            "sentence": "sentence",
            "ids": "ids",
            "padded": "padded to {maxlen}",
            "onehot_note": "{nz} of {size} non-zero ({density:.1%})",
            "hashing": "hashing trick (n={n})",
            "buckets": "{words} words → {buckets} buckets",
            "collisions": "{n} collisions: {which}",
            "none": "none",
            "embedding_lookup": "embedding lookup",
            "dense": "dense, learned (random here)",
            "vocab": "vocabulary (0 = padding, 1 = unknown)",
            "token": "token",
            "ways": "three ways to turn '{sentence}' into numbers",
            "encoding": "encoding",
            "shape": "shape",
            "notes": "notes",
            "images": "one-hot rows (sparse) vs embedding rows (dense)",
            "embedding": "embedding",
            "message": (
                "Padding makes every sequence the same length so they stack into one "
                "tensor; one-hot vectors are as wide as the vocabulary and almost all "
                "zeros, embeddings are short and dense."
            ),
        },
        "ja": {
            "lab_title": "文のトークン化・パディング・エンコード",
            "lab_summary": (
                "文をトークンに分けて ID に変換し、長さをそろえます。"
                "one-hot・ハッシュ・埋め込みを比べます。"
            ),
            "knob_tokens": "単語単位か文字単位か。",
            "knob_maxlen": "パディング・切り詰め後の長さ。",
            "knob_padding": "末尾と先頭のどちらを埋める（切る）か。",
            "knob_hash_size": "ハッシュトリックのバケット数。",
            "knob_embed_dim": "埋め込みの次元。",
            "table": "トークン → ID → パディング",
            "sentence": "文",
            "ids": "ID 列",
            "padded": "長さ {maxlen} にパディング",
            "onehot_note": "{size} 個中 {nz} 個が非ゼロ（{density:.1%}）",
            "hashing": "ハッシュトリック（n={n}）",
            "buckets": "{words} 語 → {buckets} 個のバケット",
            "collisions": "衝突 {n} 件：{which}",
            "none": "なし",
            "embedding_lookup": "埋め込みの参照",
            "dense": "密、学習で決まる値（ここではランダム）",
            "vocab": "語彙（0 = パディング、1 = 未知語）",
            "token": "トークン",
            "ways": "「{sentence}」を数値にする 3 つの方法",
            "encoding": "符号化",
            "shape": "形状",
            "notes": "備考",
            "images": "one-hot の行（疎）と埋め込みの行（密）",
            "embedding": "埋め込み",
            "message": (
                "パディングですべての系列を同じ長さにそろえると、1 つのテンソルに積み重ねられます。"
                "one-hot ベクトルは語彙と同じ幅でほとんどが 0 ですが、埋め込みは短く密です。"
            ),
        },
    },
)


def run(knobs, rng, lang="en"):
    txt = WORDS.of(lang)
    header = [txt["sentence"], txt["ids"], txt["padded"].format(maxlen=knobs["maxlen"])]
    tok = (CharTokenizer(lowercase=True) if knobs["tokens"] == "chars" else WordTokenizer()).fit(
        SENTENCES
    )
    maxlen = knobs["maxlen"]
    ids = [tok.encode(s) for s in SENTENCES]
    padded = pad_sequences(ids, maxlen, padding=knobs["padding"], truncating=knobs["padding"])
    rows = [
        [s, " ".join(map(str, i)), " ".join(map(str, p))]
        for s, i, p in zip(SENTENCES, ids, padded, strict=True)
    ]
    vocab_rows = [[i, t] for i, t in enumerate(tok.vocab[:16])]
    yield Frame(step=1, total=2, plots=[Table(txt["table"], header, rows)])
    # one-hot (sparse) vs hashing vs a dense embedding lookup for the first sentence
    v = tok.vocab_size
    onehot = np.zeros((maxlen, v), np.float32)
    onehot[np.arange(maxlen), padded[0]] = 1.0
    n_hash = knobs["hash_size"]
    all_words = sorted({w for s in SENTENCES for w in WordTokenizer().split(s)})
    hashed = {w: hashing_trick(w, n_hash)[0] for w in all_words}
    buckets: dict[int, list[str]] = {}
    for w, h in hashed.items():
        buckets.setdefault(h, []).append(w)
    collisions = [ws for ws in buckets.values() if len(ws) > 1]
    dim = knobs["embed_dim"]
    table = rng.normal(0, 0.5, (v, dim)).astype(np.float32)
    table[0] = 0.0
    dense = table[padded[0]]  # the embedding layer is a lookup: row i for id i
    info = [
        [
            "one-hot",
            f"{maxlen}×{v}",
            txt["onehot_note"].format(
                nz=int(onehot.sum()), size=onehot.size, density=onehot.mean()
            ),
        ],
        [
            txt["hashing"].format(n=n_hash),
            txt["buckets"].format(words=len(all_words), buckets=len(buckets)),
            txt["collisions"].format(
                n=len(collisions),
                which="; ".join("/".join(c) for c in collisions) or txt["none"],
            ),
        ],
        [txt["embedding_lookup"], f"{maxlen}×{dim}", txt["dense"]],
    ]
    yield Frame(
        step=2,
        total=2,
        final=True,
        plots=[
            Table(txt["table"], header, rows),
            Table(txt["vocab"], ["id", txt["token"]], vocab_rows),
            Table(
                txt["ways"].format(sentence=SENTENCES[0]),
                [txt["encoding"], txt["shape"], txt["notes"]],
                info,
            ),
            Images(
                txt["images"],
                [("one-hot", onehot), (txt["embedding"], dense)],
                size=min(40, max(v, dim)),
            ),
        ],
        metrics={
            "vocab_size": v,
            "maxlen": maxlen,
            "onehot_density": float(onehot.mean()),
            "hash_collisions": len(collisions),
            "padded_shape_0": int(padded.shape[0]),
            "padded_shape_1": int(padded.shape[1]),
            "pad_count": int((padded == 0).sum()),
        },
        message=txt["message"],
    )


LAB = Lab(
    id="13-tokenize",
    lesson="13",
    words=WORDS,
    knobs=(
        choice_knob("tokens", "words", ("words", "chars")),
        int_knob("maxlen", 8, 1, 64),
        choice_knob("padding", "post", ("post", "pre")),
        int_knob("hash_size", 16, 2, 1000),
        int_knob("embed_dim", 8, 2, 64),
    ),
    run_fn=run,
)
