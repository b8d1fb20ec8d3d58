# A comment before any code.


def compute(n):
    # a comment inside the function  @comment
    result = n * 2  # @after-comment

    return result  # @after-blank


print(compute(21))
# a comment after the last line of code  @trailing
