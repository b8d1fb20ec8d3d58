"""A loop whose line holds a conditional breakpoint, reached by steps as well as by
running; and a condition that calls a function with a breakpoint of its own."""

evaluations = []


def interesting(i):
    return i == 2  # @in-condition: nothing stops here while a condition runs


def loop():
    total = 0
    for i in range(4):
        total += i  # @before
        total *= 1  # @checked
        total -= 0  # @after
    return total


print("total", loop(), "evaluations", len(evaluations))
