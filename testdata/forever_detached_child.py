import os
import subprocess
import sys
import time

# Runs until it is killed, with a child in a session of its own (as a daemon has),
# its output elsewhere, which the signals to the program's process group do not reach.
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("pids %d %d" % (os.getpid(), child.pid), flush=True)
while True:
    time.sleep(0.05)
