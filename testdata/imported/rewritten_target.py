FACTOR = 2


def scale(x):
    scaled = x * FACTOR  # @scale: the code run here was compiled from other text
    return scaled
