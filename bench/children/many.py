"""Starts argv[1] short-lived Python children, one after the other, and prints how long
that took: "bench: children seconds S"."""
import subprocess
import sys
import time

count = int(sys.argv[1])
start = time.perf_counter()
for _ in range(count):
    subprocess.run([sys.executable, "-c", "pass"], check=True)
print("bench: children seconds %.6f" % (time.perf_counter() - start), flush=True)
