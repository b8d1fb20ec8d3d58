def fail():
    raise ValueError("boom")  # @raise


def main():
    try:
        fail()  # @call
    except ValueError:  # @except
        handled = True  # @handler
    return handled


print(main())
