LOADED = "module level"  # @module-level: a breakpoint here stops while the module is imported


def triple(x):
    result = x * 3  # @triple: a breakpoint here stops when main() calls triple()
    return result
