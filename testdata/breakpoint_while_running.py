import os
import sys

flag = sys.argv[1]


def work():
    n = 0
    print("working", flush=True)
    while not os.path.exists(flag):
        n += 1  # @loop
    return n


work()
print("finished")
