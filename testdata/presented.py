class Shape:
    sides = 4
    _secret = "s"

    def area(self):
        return 0


def show(shape, size, *rest, label="box", **more):
    value = shape  # @stop
    return value


show(Shape(), 3, "extra", label="crate", colour="red")
