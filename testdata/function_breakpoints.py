def total(prices):
    result = sum(prices)  # @total-body
    return result


def main():
    from shopping import cart  # @main-body (shopping.cart loads here)

    c = cart.Cart()
    c.add(3)
    c.add(4)
    print("checkout", cart.checkout(c))
    print("total", total([1, 2]), total([5]))


main()
