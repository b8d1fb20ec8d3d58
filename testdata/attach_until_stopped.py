# A program that runs on its own until a file named by its argument appears, then
# exits with code 3: for clients that attach, leave and attach again while it runs.
import os
import sys
import time

stop_file = sys.argv[1]
laps = 0


def lap():
    global laps
    laps += 1  # @lap


print("running", flush=True)
while not os.path.exists(stop_file):
    lap()
    time.sleep(0.01)
print("stopped after laps:", laps > 0)
sys.exit(3)
