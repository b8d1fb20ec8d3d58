import functools


class Cart:
    def __init__(self):
        self.items = []

    def add(self, price):
        self.items.append(price)  # @add-body
        return len(self.items)


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        return fn(*args)
    return wrapper


@logged
def checkout(cart):
    """Pay for everything in the cart."""
    amount = sum(cart.items)  # @checkout-body
    return amount
