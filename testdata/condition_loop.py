def accumulate(n):
    total = 0
    for i in range(n):
        total += i  # @loop
    return total


print("total", accumulate(10))
