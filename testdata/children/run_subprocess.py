"""Runs worker.py in a Python child (subprocess.run of sys.executable)."""
import os
import subprocess
import sys

worker = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")
done = subprocess.run([sys.executable, worker, "21"])
print("child exit code", done.returncode, flush=True)  # @parent-after
