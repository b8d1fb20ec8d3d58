import os
import subprocess
import sys


def compute(x):
    y = x * 2
    breakpoint()  # @breakpoint-call
    return y  # @after-breakpoint


print(compute(21), os.environ.get("PYTHONBREAKPOINT"))
# A Python child that has no agent (-E: no PYTHONPATH, so no sitecustomize) keeps the
# interpreter's own breakpoint hook.
child = subprocess.run(
    [sys.executable, "-E", "-c", "import os, sys; print(sys.breakpointhook is sys.__breakpointhook__, os.environ.get('PYTHONBREAKPOINT'))"],
    capture_output=True, text=True,
)
print("child:", child.stdout.strip())
