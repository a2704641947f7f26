from dltutor.lessons.exercises.model import Exercise
from dltutor.lessons.words import Words

EXERCISE = Exercise(
    id="04-simple-layers",
    lesson="04",
    implements=("MulLayer", "AddLayer"),
    package=__name__,
    words=Words(
        "exercise-04-simple-layers",
        {
            "en": {
                "title": "Multiply and add layers",
                "task": (
                    "Write MulLayer and AddLayer, each with forward(x, y) and backward(dout) -> (dx, dy).\n"
                    "MulLayer: forward returns x * y; backward sends each input the upstream gradient\n"
                    "times the other input. AddLayer: forward returns x + y; backward passes dout to\n"
                    "both. x and y may be numbers or arrays of the same shape."
                ),
                "hint.1": "MulLayer must remember x and y in forward: backward needs them.",
                "hint.2": "z = x·y, so ∂z/∂x = y and ∂z/∂y = x: dx = dout * self.y, dy = dout * self.x.",
                "hint.3": "AddLayer: z = x + y, so both derivatives are 1: return dout * 1, dout * 1.",
                "mistake.mul-not-swapped": "dx uses x itself: ∂(x·y)/∂x = y, so dx = dout * self.y (and dy = dout * self.x).",
                "mistake.not-a-pair": "backward must return two gradients, (dx, dy), one per input.",
                "mistake.add-scaled": "addition passes the gradient unchanged: dx = dy = dout.",
            },
            "ja": {
                "title": "乗算レイヤと加算レイヤ",
                "task": (
                    "MulLayer と AddLayer を書きます。どちらも forward(x, y) と backward(dout) -> (dx, dy) を持ちます。\n"
                    "MulLayer の forward は x * y を返し、backward は上流の勾配にもう一方の入力を掛けて各入力へ返します。\n"
                    "AddLayer の forward は x + y を返し、backward は dout をそのまま両方へ返します。\n"
                    "x と y は数値か、同じ形状の配列です。"
                ),
                "hint.1": "MulLayer は forward で x と y を覚えておきます。backward で必要になります。",
                "hint.2": "z = x·y なので ∂z/∂x = y、∂z/∂y = x です：dx = dout * self.y、dy = dout * self.x",
                "hint.3": "AddLayer は z = x + y なので微分はどちらも 1 です：return dout * 1, dout * 1",
                "mistake.mul-not-swapped": "dx に x 自身を使っています。∂(x·y)/∂x = y なので dx = dout * self.y（dy = dout * self.x）です。",
                "mistake.not-a-pair": "backward は入力ごとに 1 つずつ、2 つの勾配 (dx, dy) を返します。",
                "mistake.add-scaled": "加算ノードは勾配をそのまま流します：dx = dy = dout",
            },
        },
    ),
)
