"""Objects built to break a debugger, all at one breakpoint: dunders that raise, that
spin, that block in native code; a length of 10**12; a 10**8-character string; a list
nested 10,000 deep; a __class__ that raises. The program must not notice any of it."""
import threading
import time

release = threading.Event()
_DUNDERS = ("__repr__", "__str__", "__len__", "__iter__", "__eq__", "__hash__", "__bool__", "__dir__",
            "__getitem__", "__contains__", "__format__", "__sizeof__")


def _class_of(name, behaviour):
    """A class whose every dunder (and __getattr__) behaves so."""
    def method(self, *args):
        return behaviour(name)

    namespace = {dunder: method for dunder in _DUNDERS}
    namespace["__getattr__"] = method
    return type(name, (), namespace)


def _raise(name):
    raise RuntimeError(name + " refuses")


def _spin(name):
    while True:
        pass


def _block(name):
    release.wait()  # blocked in C until the releaser runs
    raise RuntimeError(name + " was blocked")


Raising = _class_of("Raising", _raise)
Spinning = _class_of("Spinning", _spin)
Blocked = _class_of("Blocked", _block)


class HugeLength:
    def __len__(self):
        return 10 ** 12

    def __getitem__(self, index):
        return index


class LyingList(list):
    def __len__(self):
        return 10 ** 12


class NoClass:
    @property
    def __class__(self):
        raise RuntimeError("no __class__ here")


class Unequal:
    """A dict key that cannot be compared."""

    def __hash__(self):
        return 1

    def __eq__(self, other):
        raise RuntimeError("no comparing")


blocked = Blocked()  # a global: only looked at on purpose


def releaser():
    time.sleep(1)  # the program is stopped by then: this thread too, after its sleep
    release.set()


def main():
    raising = Raising()
    spinning = Spinning()
    huge_length = HugeLength()
    lying = LyingList([1, 2, 3])
    no_class = NoClass()
    keyed = {Unequal(): "a"}
    big = "x" * 10 ** 8
    deep = []
    for _ in range(10000):
        deep = [deep]
    threading.Thread(target=releaser, name="releaser", daemon=True).start()
    print("ready")  # @stop
    depth = 0
    while deep:
        deep, depth = deep[0], depth + 1
    print(len(lying), list.__len__(lying), len(big), depth, len(keyed), type(raising).__name__,
          type(spinning).__name__, type(huge_length).__name__, type(no_class).__name__)


main()
