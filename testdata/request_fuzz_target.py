"""A program stopped at a breakpoint while every request is sent with broken
arguments: it must end as it would have without them."""
import sys


def work(n):
    total = sum(range(n))
    label = "total"
    return total  # @stop


result = work(10)
print("result", result)
sys.exit(7)
