import subprocess
import sys

child = "import os; print('the child has the agent:', 'DAPPER_ADDRESS' in os.environ)"
print(subprocess.run([sys.executable, "-c", child], capture_output=True, text=True).stdout.strip())
