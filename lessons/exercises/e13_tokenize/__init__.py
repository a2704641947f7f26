from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="13-tokenize",
    lesson="13",
    implements=("build_vocab", "tokenize_and_pad"),
    package=__name__,
    words=Words(
        "exercise-13-tokenize",
        {
            "en": {
                "title": "A vocabulary, token ids and padding",
                "task": (
                    "Write build_vocab(texts): a dict word → id from the training texts only. Words are\n"
                    "text.lower().split(); sort the distinct words and number them from 2, because\n"
                    "id 0 is padding and id 1 is an unknown word.\n"
                    "Write tokenize_and_pad(texts, vocab, maxlen): an int array (len(texts), maxlen),\n"
                    "one row per text, unknown words → 1. Like Keras's default ('pre'), a long text\n"
                    "keeps its LAST maxlen ids and a short one gets its zeros in FRONT."
                ),
                "hint.1": (
                    "words = sorted({w for t in texts for w in t.lower().split()}); "
                    "vocab = {w: i + 2 for i, w in enumerate(words)}."
                ),
                "hint.2": "ids = [vocab.get(w, 1) for w in text.lower().split()]; ids[-maxlen:] keeps the end.",
                "hint.3": (
                    "out = np.zeros((len(texts), maxlen), dtype=int); for row i: "
                    "s = ids[-maxlen:]; out[i, maxlen - len(s):] = s."
                ),
                "mistake.id-zero-used": (
                    "a real word got id 0 or 1: number the words from 2, 0 is padding and 1 is unknown."
                ),
                "mistake.post-padding": (
                    "the zeros are at the end: this lesson pads in front ('pre'), "
                    "out[i, maxlen - len(s):] = s."
                ),
                "mistake.keeps-start": (
                    "a long text kept its first words: 'pre' truncation keeps the last maxlen, ids[-maxlen:]."
                ),
                "mistake.not-lowercased": "'The' and 'the' got different ids: lower-case the text before splitting.",
            },
            "ja": {
                "title": "語彙、トークン ID、パディング",
                "task": (
                    "build_vocab(texts) を書きます。訓練用のテキストだけから、単語 → ID の辞書を作ります。\n"
                    "単語は text.lower().split() です。異なる単語をソートして 2 から番号を付けます。\n"
                    "ID 0 はパディング、ID 1 は未知語のために取っておくからです。\n"
                    "tokenize_and_pad(texts, vocab, maxlen) を書きます。テキストごとに 1 行の整数の配列\n"
                    "(len(texts), maxlen) を返し、未知語は 1 にします。Keras の既定（'pre'）と同じく、長いテキストは\n"
                    "最後の maxlen 個の ID を残し、短いテキストは前に 0 を詰めます。"
                ),
                "hint.1": (
                    "words = sorted({w for t in texts for w in t.lower().split()}); "
                    "vocab = {w: i + 2 for i, w in enumerate(words)}"
                ),
                "hint.2": "ids = [vocab.get(w, 1) for w in text.lower().split()]。ids[-maxlen:] で末尾が残ります。",
                "hint.3": (
                    "out = np.zeros((len(texts), maxlen), dtype=int) とし、行 i ごとに "
                    "s = ids[-maxlen:]; out[i, maxlen - len(s):] = s とします。"
                ),
                "mistake.id-zero-used": (
                    "本物の単語に ID 0 か 1 が付いています。0 はパディング、1 は未知語なので、2 から番号を付けましょう。"
                ),
                "mistake.post-padding": (
                    "0 が後ろにあります。このレッスンでは前に詰めます（'pre'）：out[i, maxlen - len(s):] = s"
                ),
                "mistake.keeps-start": (
                    "長いテキストの最初の単語が残っています。'pre' の切り詰めは最後の maxlen 個を残します：ids[-maxlen:]"
                ),
                "mistake.not-lowercased": (
                    "'The' と 'the' に別の ID が付いています。分割する前にテキストを小文字にしましょう。"
                ),
            },
        },
    ),
)
