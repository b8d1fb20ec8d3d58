import os
import subprocess
import sys
import time

child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
print("pids %d %d" % (os.getpid(), child.pid), flush=True)
while True:
    time.sleep(0.05)
