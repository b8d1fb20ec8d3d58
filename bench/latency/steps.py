"""A loop of simple lines for the runner to step through with `next`."""


def count(limit):
    total = 0
    for i in range(limit):
        total += i  # bench: breakpoint
        total -= 1
        total *= 1
    return total


print(count(100_000))
