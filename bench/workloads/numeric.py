"""A numeric loop: arithmetic in one long-running frame, with few calls."""

import time


def never_called():
    return "the runner puts its breakpoint here"  # bench: breakpoint


def integrate(steps):
    total = 0.0
    width = 1.0 / steps
    for i in range(steps):
        x = (i + 0.5) * width
        total += 4.0 / (1.0 + x * x)  # bench: hot if x < 0
    return total * width


def primes_below(limit):
    sieve = bytearray([1]) * limit
    sieve[0] = sieve[1] = 0
    count = 0
    for n in range(2, limit):
        if sieve[n]:
            count += 1
            for multiple in range(n * n, limit, n):
                sieve[multiple] = 0
    return count


start, start_cpu = time.perf_counter(), time.process_time()
integrate(3_000_000)
primes_below(2_000_000)
print("bench: compute seconds %.6f cpu %.6f" % (time.perf_counter() - start, time.process_time() - start_cpu))
