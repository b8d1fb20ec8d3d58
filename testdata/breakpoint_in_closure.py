def make_adder(n):
    def add(x):
        return x + n  # @closure: in a closure made after configuration

    return add


add_two = make_adder(2)
print(add_two(3))
