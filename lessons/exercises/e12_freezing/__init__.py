from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="12-freezing",
    lesson="12",
    implements=("count_trainable", "sgd_step"),
    package=__name__,
    words=Words(
        "exercise-12-freezing",
        {
            "en": {
                "title": "Frozen layers: counting and updating",
                "task": (
                    "A layer has a dict layer.params (name → array), a dict layer.grads with the same\n"
                    "keys and a flag layer.trainable (False = frozen). Write\n"
                    "  count_trainable(layers): the number of weights (array entries) in trainable layers;\n"
                    "  sgd_step(layers, lr): one SGD step, param −= lr · grad, in place, for trainable\n"
                    "  layers only. A frozen layer's weights must not move."
                ),
                "hint.1": "Skip a layer with `if not layer.trainable: continue`; .size counts an array's entries.",
                "hint.2": (
                    "count: sum(p.size for layer in layers if layer.trainable for p in layer.params.values())."
                ),
                "hint.3": (
                    "for key in layer.params: layer.params[key] -= lr * layer.grads[key]  "
                    "(−= changes the array itself, so the layer sees the new values)."
                ),
                "mistake.counts-frozen": (
                    "frozen layers were counted: only weights of layers with trainable = True count."
                ),
                "mistake.counts-arrays": (
                    "the count is the number of arrays: count their entries with p.size."
                ),
                "mistake.updates-frozen": (
                    "a frozen layer's weights changed: skip layers whose trainable is False."
                ),
                "mistake.not-in-place": (
                    "the layer's arrays did not change: update them in place with −=, "
                    "not by binding a new array to a name."
                ),
            },
            "ja": {
                "title": "凍結したレイヤ：数えることと更新すること",
                "task": (
                    "レイヤは辞書 layer.params（名前 → 配列）、同じキーを持つ辞書 layer.grads、\n"
                    "フラグ layer.trainable（False は凍結）を持ちます。次の 2 つを書きます。\n"
                    "  count_trainable(layers)：学習するレイヤの重みの個数（配列の要素数）\n"
                    "  sgd_step(layers, lr)：学習するレイヤだけを、param −= lr · grad でその場で\n"
                    "  更新する SGD の 1 ステップ。凍結したレイヤの重みは動かしてはいけません。"
                ),
                "hint.1": "`if not layer.trainable: continue` でレイヤを飛ばします。配列の要素数は .size です。",
                "hint.2": (
                    "数えるには sum(p.size for layer in layers if layer.trainable for p in layer.params.values()) です。"
                ),
                "hint.3": (
                    "for key in layer.params: layer.params[key] -= lr * layer.grads[key]"
                    "（−= は配列そのものを書き換えるので、レイヤから新しい値が見えます）。"
                ),
                "mistake.counts-frozen": (
                    "凍結したレイヤも数えています。trainable = True のレイヤの重みだけを数えましょう。"
                ),
                "mistake.counts-arrays": "配列の個数を数えています。p.size で要素数を数えましょう。",
                "mistake.updates-frozen": (
                    "凍結したレイヤの重みが変わりました。trainable が False のレイヤは飛ばしましょう。"
                ),
                "mistake.not-in-place": (
                    "レイヤの配列が変わっていません。新しい配列を名前に結び付けるのではなく、"
                    "−= でその場で更新しましょう。"
                ),
            },
        },
    ),
)
