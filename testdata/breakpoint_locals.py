def double(number):
    result = number * 2
    return result


def main():
    greeting = "hi"
    value = double(21)
    print(greeting, value)


main()
