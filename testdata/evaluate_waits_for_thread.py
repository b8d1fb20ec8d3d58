"""An expression evaluated at a stop that waits for a lock another thread holds: that
thread is suspended with the rest of the program, so it cannot let go until the
program runs again."""
import threading
import time

lock = threading.Lock()
holding = threading.Event()


def holder():
    with lock:
        holding.set()
        for _ in range(20):
            time.sleep(0.01)  # holding the lock
        print("holder done")


worker = threading.Thread(target=holder, name="holder")
worker.start()
holding.wait()
print("main stops")  # @stop
worker.join()
print("main done")
