"""Output that arrives while the debugger's prompt is up: a child process ticks
while the program is stopped at a breakpoint on line 8."""

import subprocess

ticker = subprocess.Popen(["sh", "-c", "for i in 1 2 3; do sleep 0.3; echo tick $i; done"])

ticker.wait()
print("ticker done")
