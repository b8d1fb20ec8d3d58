"""Two hot loops, each with a line marked for a breakpoint (`# bench: hot NAME if
CONDITION`, a condition that never holds). Run as: hot_loop.py tight|typical N. Prints
the seconds the loop took, as the workloads do, so that start-up and the debugger's
handshake are left out of the comparison."""

import sys
import time


def tight(n):
    total = 0
    for i in range(n):
        total += i % 7  # bench: hot tight if i < 0
    return total


def typical(n):
    rows = []
    for i in range(n):
        row = {"id": i, "name": "item-%d" % i, "even": i % 2 == 0}  # bench: hot typical if i < 0
        rows.append("%(id)d,%(name)s,%(even)s" % row)
    return len(rows)


loop, n = sys.argv[1], int(sys.argv[2])
start, start_cpu = time.perf_counter(), time.process_time()
{"tight": tight, "typical": typical}[loop](n)
print("bench: compute seconds %.6f cpu %.6f" % (time.perf_counter() - start, time.process_time() - start_cpu))
