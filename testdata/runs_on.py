import os
import sys
import time

# Waits for the file "go" in the directory it is given, then answers with "went":
# proof that it is still running after its debugger has gone.
here = sys.argv[1]
print("waiting", flush=True)
while not os.path.exists(os.path.join(here, "go")):
    time.sleep(0.01)
with open(os.path.join(here, "went"), "w") as f:
    f.write("went\n")
