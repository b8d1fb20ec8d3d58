evaluations = []  # a condition may append here, to show how often it ran


def accumulate(n):
    total = 0
    for i in range(n):
        total += i  # @loop
    return total


print("total", accumulate(10), "evaluations", len(evaluations))
