"""os.execv: this process becomes worker.py (same pid, a new interpreter)."""
import os
import sys

worker = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")
print("exec", flush=True)
os.execv(sys.executable, [sys.executable, worker, "4"])
