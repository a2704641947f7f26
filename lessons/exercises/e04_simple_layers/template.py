class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        raise NotImplementedError("write MulLayer.forward")

    def backward(self, dout):
        raise NotImplementedError("write MulLayer.backward")


class AddLayer:
    def __init__(self):
        pass

    def forward(self, x, y):
        raise NotImplementedError("write AddLayer.forward")

    def backward(self, dout):
        raise NotImplementedError("write AddLayer.backward")
