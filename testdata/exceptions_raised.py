import json


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration  # @stop-iteration
        self.n -= 1
        return self.n


def parse(text):
    try:
        return json.loads(text)  # @library-raise
    except ValueError:
        return None


def check(value):
    try:
        if value < 0:
            raise ValueError("negative: %d" % value)  # @user-raise
    except ValueError as exc:
        return str(exc)
    return "ok"


print(list(Countdown(2)), parse("{"), check(1), check(-5))
