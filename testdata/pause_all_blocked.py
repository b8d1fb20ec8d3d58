"""Every thread blocked in native code, none running Python: the main thread in
input() on a pipe nobody writes to yet, one in time.sleep, one in lock.acquire."""
import os
import sys
import threading
import time

reading, writing = os.pipe()
sys.stdin = os.fdopen(reading)
gate = threading.Lock()
gate.acquire()


def sleeper():
    time.sleep(5)  # @sleep
    os.write(writing, b"hello\n")  # @wake (where it stands if the sleep ended while paused)


def waiter():
    gate.acquire()  # @acquire
    print("acquired")


threading.Thread(target=sleeper, name="sleeper").start()
threading.Thread(target=waiter, name="waiter").start()
print("ready", flush=True)
line = input()  # @input
print("read", repr(line))
gate.release()
