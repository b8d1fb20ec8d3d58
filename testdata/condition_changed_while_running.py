"""A function that runs a loop until told to stop: its breakpoint's condition changes
while it runs, and a pause finds it there."""

running = True


def spin():
    i = 0
    while running:
        i += 1  # @spin
        if i == 1000:
            print("spinning", flush=True)
    return i


print("spun", spin() > 0)
