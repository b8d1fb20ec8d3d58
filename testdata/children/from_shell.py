"""A shell script runs python (found on PATH): the worker is a grandchild, under sh."""
import os
import subprocess
import sys

worker = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")
env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
done = subprocess.run(["sh", "-c", 'echo from sh; python3 "$0" 5; echo "sh saw $?"', worker], env=env)
print("sh exit code", done.returncode, flush=True)
