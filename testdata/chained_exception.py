def load(settings):
    return settings["port"]  # @lookup


def start(settings):
    try:
        return load(settings)
    except KeyError as exc:
        raise RuntimeError("no port configured") from exc  # @reraise


start({})
