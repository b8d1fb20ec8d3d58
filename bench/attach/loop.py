# The program the attach benchmark attaches to: it runs until killed, returning to
# Python every millisecond (so that injected code runs at once), and passes its breakpoint
# line on every lap.
import time


def lap(n):
    return n + 1  # bench: breakpoint


print("running", flush=True)
n = 0
while True:
    n = lap(n)
    time.sleep(0.001)
