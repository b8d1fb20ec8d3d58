"""Eight workers of a multiprocessing Pool (started as argv[1] says: spawn or fork),
each given one task, each task on a line with a breakpoint."""
import multiprocessing
import sys


def task(i):
    return i * i  # bench: breakpoint


if __name__ == "__main__":
    with multiprocessing.get_context(sys.argv[1]).Pool(8) as pool:
        print(pool.map(task, range(8), chunksize=1), flush=True)
