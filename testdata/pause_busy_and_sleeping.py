import threading
import time


def sleeper():
    # One line: no line event between the print and the sleep, so the thread cannot
    # stop before it is blocked in time.sleep.
    print("sleeping", flush=True) or time.sleep(3)  # @sleep
    woke = True  # @woke
    while True:
        woke = not woke


threading.Thread(target=sleeper, name="sleeper", daemon=True).start()
x = 0
print("spinning", flush=True)
while True:
    x += 1  # @spin
