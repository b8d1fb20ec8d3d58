# Each line below holds a breakpoint with one form of hitCondition.
for i in range(10):
    a = i  # @equals-plain
    b = i  # @at-least
    c = i  # @every
    d = i  # @below
    e = i  # @above
    f = i  # @at-most
    g = i  # @equals-op
    h = i  # @with-condition
print("done")
