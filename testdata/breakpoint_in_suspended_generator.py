import time


def ticks():
    n = 0
    while True:
        n += 1
        yield n
        resumed = n  # @resumed: a breakpoint set while the generator waits at its yield
        n = resumed


gen = ticks()
next(gen)
print("generator suspended", flush=True)
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    time.sleep(0.02)
    next(gen)
