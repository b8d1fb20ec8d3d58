def call(f):
    return f()  # @vendored
