import threading
import time

started = threading.Event()


def worker():
    started.set()
    x = 1  # @stop
    return x


thread = threading.Thread(target=worker, name="worker")
thread.start()
started.wait()
for i in range(3):
    time.sleep(0.01)
print("main done", flush=True)
thread.join()
