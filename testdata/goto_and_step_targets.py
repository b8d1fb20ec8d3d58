def double(x):
    result = x * 2  # @double-body
    return result  # @double-return


def triple(x):
    return x * 3  # @triple-body


def main():
    total = 0
    total += 1  # @main-start (goto skips it)
    total += 10  # @after-skip
    for i in range(2):  # @loop
        total += 100  # @in-loop
    value = double(triple(2)) + double(1)  # @calls
    print("total", total, "value", value)  # @print
    return total


main()
