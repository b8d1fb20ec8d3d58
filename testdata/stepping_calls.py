from stepping_helper import scale


def add(a, b):
    total = a + b  # @add-body
    return total  # @add-return


def main():
    x = 1  # @main-start
    y = add(x, 2)  # @main-call-add
    z = scale(y)  # @main-call-scale
    print(x, y, z)  # @main-print
    return z  # @main-return


main()  # @module-call-main
