def fail(count):
    label = "count=%d" % count
    raise ValueError(label)  # @raise


total = 3
fail(total)
