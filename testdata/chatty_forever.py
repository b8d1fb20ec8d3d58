import os
import subprocess
import sys
import time

# Runs until it is killed, with a child, writing a line every few milliseconds, so
# that a client that goes away meets output still on its way.
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
print("pids %d %d" % (os.getpid(), child.pid), flush=True)
n = 0
while True:
    n += 1
    print("line", n, flush=True)
    time.sleep(0.005)
