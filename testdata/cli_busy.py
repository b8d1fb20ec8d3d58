"""Spins until interrupted: Ctrl-C in the terminal debugger pauses it."""

print("spinning", flush=True)
n = 0
while True:
    n += 1
