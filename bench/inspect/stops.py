"""A list of 1,000,000 items seen from three kinds of stop, for the variables page
benchmark: a breakpoint at module level (decided by tracing), one in a function (its
code checks it), and breakpoint() (a call)."""


def checked():
    items = list(range(1_000_000))
    return len(items)  # STOP checked


def called():
    items = list(range(1_000_000))
    breakpoint()
    return len(items)


items = list(range(1_000_000))
print("ready")  # STOP traced
checked()
called()
