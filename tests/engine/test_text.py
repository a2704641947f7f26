"""Text pipeline: tokenizers, padding, hashing, SST-2 / corpus readers, char-LM sampling."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.engine.text import (
    CharTokenizer,
    ChecksumError,
    DataError,
    WordTokenizer,
    data_file,
    entropy,
    hashing_trick,
    load_tokenizer,
    make_windows,
    pad_sequences,
    read_tsv,
    reweight,
    sample,
    softmax_t,
    split_corpus,
    word_split,
)


def test_word_split_is_ptb_like():
    assert word_split("It's great, isn't it?") == ["it", "'s", "great", ",", "is", "n't", "it", "?"]
    assert word_split("does n't work") == ["does", "n't", "work"]  # SST-2's own form


def test_vocab_from_training_data_with_cutoff_and_oov(tmp_path):
    tok = WordTokenizer(min_freq=2).fit(["a good film", "a bad film", "good"])
    assert tok.vocab[:2] == ["<pad>", "<unk>"]
    assert set(tok.vocab[2:]) == {"a", "good", "film"}  # 'bad' seen once: cut
    assert tok.encode("a bad film") == [tok.index["a"], 1, tok.index["film"]]
    path = tok.save(tmp_path / "vocab.json")
    again = load_tokenizer(path)
    assert again.vocab == tok.vocab and isinstance(again, WordTokenizer)
    assert WordTokenizer(max_tokens=3).fit(["b a a"]).vocab == ["<pad>", "<unk>", "a"]


def test_char_tokenizer_roundtrip(tmp_path):
    tok = CharTokenizer().fit(["hello world"])
    ids = tok.encode_array("hello!")
    assert ids[-1] == 1 and tok.decode(ids[:-1]) == "hello"
    assert list(ids) == tok.encode("hello!")
    assert load_tokenizer(tok.save(tmp_path / "c.json")).vocab == tok.vocab


def test_padding_and_truncation():
    seqs = [[1, 2, 3], [4], []]
    assert pad_sequences(seqs, 2).tolist() == [[1, 2], [4, 0], [0, 0]]
    assert pad_sequences(seqs, 4, padding="pre", truncating="pre").tolist() == [
        [0, 1, 2, 3],
        [0, 0, 0, 4],
        [0, 0, 0, 0],
    ]
    assert pad_sequences([[1, 2, 3]], 2, truncating="pre").tolist() == [[2, 3]]
    with pytest.raises(ValueError):
        pad_sequences(seqs, 0)


def test_hashing_trick_is_stable_and_in_range():
    a = hashing_trick("the movie was good", 50)
    assert a == hashing_trick("The movie was good", 50)
    assert all(1 <= i < 50 for i in a)


def test_sst2_reader(tmp_path):
    p = tmp_path / "x.tsv"
    p.write_text("label\tsentence\n1\tgood fun\n0\tdull\n", encoding="utf-8")
    texts, labels = read_tsv(p)
    assert texts == ["good fun", "dull"] and labels.tolist() == [1, 0]
    p.write_text("1\tgood fun\n", encoding="utf-8")  # no header
    assert read_tsv(p)[0] == ["good fun"]
    p.write_text("1\tgood\n2\tbad\n", encoding="utf-8")
    with pytest.raises(DataError, match=":2: label must be 0 or 1"):
        read_tsv(p)
    p.write_text("1 good\n", encoding="utf-8")
    with pytest.raises(DataError, match="2 columns"):
        read_tsv(p)


def test_sha256_mismatch_is_clear(tmp_path):
    (tmp_path / "sst2").mkdir()
    (tmp_path / "sst2" / "dev.tsv").write_text("1\tx\n", encoding="utf-8")
    with pytest.raises(ChecksumError, match="sha256 mismatch"):
        data_file(tmp_path, "sst2/dev.tsv")
    assert data_file(tmp_path, "sst2/dev.tsv", verify=False).is_file()
    with pytest.raises(DataError, match="not found"):
        data_file(tmp_path, "sst2/train.tsv")


def test_corpus_split_and_windows():
    train, val = split_corpus("abcdefghij", 0.1)
    assert (train, val) == ("abcdefghi", "j")
    ids = np.arange(10)
    x, y = make_windows(ids, 4, step=3)
    assert x.tolist() == [[0, 1, 2, 3], [3, 4, 5, 6]] and y.tolist() == [[1, 2, 3, 4], [4, 5, 6, 7]]
    x, y = make_windows(ids, 4, step=1, last_only=True)
    assert y.tolist() == [4, 5, 6, 7, 8, 9]


def test_temperature_zero_is_greedy_and_entropy_grows_with_temperature():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=30) * 2
    p = softmax_t(logits, 1.0)
    assert np.allclose(reweight(p, 1.0), p)
    # the lesson's formula p_i^(1/T) / Σ p_j^(1/T)
    assert np.allclose(reweight(p, 0.5), p**2 / (p**2).sum())
    assert np.allclose(reweight(p, 0.7), softmax_t(logits, 0.7))
    greedy = int(np.argmax(logits))
    assert all(sample(logits, 0.0, np.random.default_rng(s)) == greedy for s in range(20))
    assert np.array_equal(reweight(p, 0), np.eye(30)[greedy])
    temps = [0.2, 0.5, 1.0, 1.5, 3.0]
    ents = [entropy(softmax_t(logits, t)) for t in temps]
    assert all(a < b for a, b in zip(ents, ents[1:], strict=False)), ents
    # seeded sampling is reproducible, and banned ids never come out
    a = [sample(logits, 1.0, np.random.default_rng(7)) for _ in range(5)]
    b = [sample(logits, 1.0, np.random.default_rng(7)) for _ in range(5)]
    assert a == b
    r = np.random.default_rng(1)
    assert greedy not in {sample(logits, 5.0, r, banned=(greedy,)) for _ in range(200)}


def test_generate_with_an_engine_lstm_is_seeded_and_stateful():
    from dltutor.engine.layers import LSTM, Dense, Embedding, TimeDistributed
    from dltutor.engine.text.charlm import generate, lstm_step_fn

    rng = np.random.default_rng(0)
    emb, lstm, head = Embedding(12, 4), LSTM(6, return_sequences=True), TimeDistributed(Dense(12))
    emb.build((None, None), rng)
    lstm.build((None, None, 4), rng)
    head.build((None, None, 6), rng)
    step = lstm_step_fn(emb, lstm, head)
    a = generate(step, [2, 3, 4], 15, 1.0, np.random.default_rng(5))
    b = generate(step, [2, 3, 4], 15, 1.0, np.random.default_rng(5))
    assert a == b and len(a) == 15 and not {0, 1} & set(a)
    # streaming one id at a time with the carried state == one pass over the whole sequence
    seq = [2, 3, 4, *a]
    full = head.forward(lstm.forward(emb.forward(np.array([seq]))))[0, -1]
    logits, state = step(seq[:3], None)
    for i in seq[3:]:
        logits, state = step([i], state)
    assert np.allclose(logits, full, atol=1e-5)
    greedy = generate(step, [2, 3, 4], 10, 0.0)
    assert greedy == generate(step, [2, 3, 4], 10, 0.0, np.random.default_rng(99))


@pytest.mark.data
@pytest.mark.parametrize("name", ["sst2-rnn", "shakespeare-char"])
def test_recipe_quick_smoke(name, tmp_path, require_data):
    """quick=True goes through data, training, export, ONNX checker, parity and the card."""
    from dltutor.engine.zoo import train

    try:
        card = train(name, data_dir=None, out_dir=tmp_path, seed=0, quick=True)
    except DataError as exc:
        require_data(exc)
    assert card["quick"] is True and card["parity_max_abs_diff"] <= 1e-4
    for suffix in (".onnx", ".json", ".vocab.json", ".weights.npz"):
        assert (tmp_path / f"{name}{suffix}").is_file()
    tok = load_tokenizer(tmp_path / f"{name}.vocab.json")
    assert tok.vocab[:2] == ["<pad>", "<unk>"]
