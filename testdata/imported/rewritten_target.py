FACTOR = 2


def scale(x):
    scaled = x * FACTOR  # breakpoint: the code run here was compiled from other text
    return scaled
