import threading
import time

spins = 0


def spin(seconds):
    global spins
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        spins += 1  # @spin: a breakpoint set while this loop runs


t = threading.Thread(target=spin, args=(30,), name="spinner")
t.start()
while spins == 0:
    time.sleep(0.01)
print("spinning", flush=True)
t.join()
