"""Call-heavy recursion: almost all the time goes into Python function calls."""

import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def never_called():
    return "the runner puts its breakpoint here"  # bench: breakpoint


start = time.perf_counter()
fib(32)
fib(32)
print("bench: compute seconds %.6f" % (time.perf_counter() - start))
