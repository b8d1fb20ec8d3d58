import subprocess
import sys

out = subprocess.run([sys.executable, "-c", "print('child says hi')"], capture_output=True, text=True)
print("child:", out.stdout.strip(), out.returncode)
