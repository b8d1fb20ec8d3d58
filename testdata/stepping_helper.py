def scale(value):
    doubled = value * 2  # @scale-body
    return doubled
