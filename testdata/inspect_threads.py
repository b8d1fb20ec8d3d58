"""Two threads that stop in turn, each with its own thread-local state; then a loop
that runs until it is told to stop."""
import threading
import time

local = threading.local()
keep_going = True


def work(label):
    local.label = label
    mine = "worker says " + label
    print(mine)  # WORKER STOP


def main():
    local.label = "main"
    worker = threading.Thread(target=work, args=("w1",), name="worker")
    worker.start()
    worker.join()
    here = "main frame"
    print(here)  # MAIN STOP
    ticks = 0
    while keep_going:
        ticks += 1
        time.sleep(0.01)
    print("stopped by the debugger")


main()
