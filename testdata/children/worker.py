"""A child process: doubles its argument, says so, and exits with status 3."""
import sys


def work(n):
    doubled = n * 2  # @child-stop
    return doubled


print("child result", work(int(sys.argv[1])), flush=True)
sys.exit(3)
