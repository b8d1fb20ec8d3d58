"""Values that try to break a debugger's Variables pane."""
import time

side_effects = []


class RaisingRepr:
    def __repr__(self):
        raise ValueError("no repr for you")


class SleepingRepr:
    def __repr__(self):
        time.sleep(4)  # blocked in C: cannot be interrupted from Python
        return "finally awake"


class SpinningRepr:
    def __repr__(self):
        while True:
            pass


class RaisingGetattr:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        side_effects.append("__getattr__ " + name)
        raise RuntimeError("__getattr__ was called for " + name)


class Account:
    def __init__(self):
        self.balance = 100

    @property
    def withdraw(self):
        side_effects.append("withdraw ran")
        self.balance -= 10
        return self.balance

    @property
    def broken(self):
        raise KeyError("broken property")


def main():
    raising = RaisingRepr()
    sleeping = SleepingRepr()
    spinning = SpinningRepr()
    shy = RaisingGetattr()
    account = Account()
    looped = [1, 2]
    looped.append(looped)
    huge = list(range(10 ** 7))
    print("ready")  # STOP
    print(len(side_effects), account.balance)


main()
