import sys
import threading
import time

marker = sys.argv[1]
started = threading.Event()


def worker():
    started.set()
    try:
        time.sleep(0.3)  # in native code when the program is stopped
        open(marker, "w").write("the worker ran on\n")
    finally:
        print("worker finally ran", flush=True)


thread = threading.Thread(target=worker)
thread.start()
started.wait()
x = 1  # @stop
print("main ran on", flush=True)
