import threading
import time


def sleeper():
    print("sleeping", flush=True)
    time.sleep(3)  # @sleep
    woke = True  # @woke
    while True:
        woke = not woke


threading.Thread(target=sleeper, name="sleeper", daemon=True).start()
x = 0
print("spinning", flush=True)
while True:
    x += 1  # @spin
