import json


def double(x):
    result = x * 2
    return result  # @double-return


def main():
    items = [1, 2, 3]
    total = 0  # @main-start
    total += 100  # @skipped-by-jump
    for item in items:  # @for
        total += double(item)  # @loop
    print("total", total, json.dumps(items))  # @print
    return total


main()
