def down(n):
    if n == 0:
        return "bottom"  # @bottom
    return down(n - 1)


print(down(9))
