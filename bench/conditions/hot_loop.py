"""A hot loop whose marked line holds a breakpoint with a condition that never holds
(i < 0). Run as: hot_loop.py tight|typical N. Prints the seconds the loop took, so that
start-up and the debugger's handshake are left out of the comparison."""

import sys
import time


def tight(n):
    total = 0
    for i in range(n):
        total += i % 7  # @hot tight: a few bytecodes a line
    return total


def typical(n):
    rows = []
    for i in range(n):
        row = {"id": i, "name": "item-%d" % i, "even": i % 2 == 0}  # @hot typical: under a microsecond a line
        rows.append("%(id)d,%(name)s,%(even)s" % row)
    return len(rows)


loop, n = sys.argv[1], int(sys.argv[2])
start = time.perf_counter()
{"tight": tight, "typical": typical}[loop](n)
print("elapsed %.6f" % (time.perf_counter() - start))
