"""A loop that calls a function: breakpoints that count hits, until, display."""


def visit(i):
    total = i * 10
    return total


for i in range(5):
    visit(i)
print("done")
