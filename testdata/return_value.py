def double(number):
    result = number * 2
    return result  # RETURN


def main():
    value = double(21)
    print("value", value)


main()
