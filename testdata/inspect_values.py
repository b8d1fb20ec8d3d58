"""Values of every kind, for the Variables pane and the debug console."""
import collections


class Point:
    kind = "point"

    def __init__(self, x, y):
        self.x = x
        self.y = y
        self._hidden = "h"

    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1


def compute(point, factor):
    total = point.x * factor
    names = ["ann", "bob"]
    table = {"one": 1, 2: "two", (3, 4): [5, 6]}
    nested = {"points": [point, Point(7, 8)], "tags": {"a", "b"}}
    queue = collections.deque(range(5))
    blob = b"\x00\x01\x02"
    slotted = Slotted()
    text = "x" * 5000
    big_dict = {"k%d" % i: i for i in range(100000)}
    return total  # STOP


def main():
    origin = Point(3, 4)
    result = compute(origin, 10)
    print("result", result)


counter = 0
total = "a global that a local shadows"
main()
