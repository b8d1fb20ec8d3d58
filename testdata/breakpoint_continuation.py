"""Breakpoints on lines that continue a statement begun above them."""


def add(a, b):
    return a + b


def main():
    names = [
        "ann",
        "bob",
    ]  # @closing-bracket
    total = add(
        1,
        2,
    )  # @closing-paren
    greeting = ("hello "
                "world")  # @joined-string
    if (total > 2 and
            # a comment inside the condition  @comment-in-header
            len(names) == 2):
        print(total, names, greeting)
    for i in range(2):
        total = add(total,  # @in-loop
                    i)
    return total  # @after


main()
