"""A multiprocessing Pool of two workers, started by the method named on the command
line (spawn, forkserver, fork), squares four numbers, one task each."""
import multiprocessing
import sys


def square(x):
    squared = x * x  # @pool-stop
    return squared


if __name__ == "__main__":
    context = multiprocessing.get_context(sys.argv[1])
    with context.Pool(2) as pool:
        print("squares", pool.map(square, [1, 2, 3, 4], chunksize=1), flush=True)
