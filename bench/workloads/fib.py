"""Call-heavy recursion: almost all the time goes into Python function calls."""

import time


def fib(n):
    if n < 2:  # bench: hot if n < 0
        return n
    return fib(n - 1) + fib(n - 2)


def never_called():
    return "the runner puts its breakpoint here"  # bench: breakpoint


start, start_cpu = time.perf_counter(), time.process_time()
fib(32)
fib(32)
print("bench: compute seconds %.6f cpu %.6f" % (time.perf_counter() - start, time.process_time() - start_cpu))
