for i in range(5):
    try:
        raise KeyError(i)  # @raise
    except KeyError:
        pass
print("done")
