"""What the agent's unit tests share."""

import sys


def frame_with(**names):
    """A real function frame whose locals are names (and whose globals hold sys)."""
    scope = {"sys": sys}
    exec("def probe(%s):\n    return sys._getframe()\n" % ", ".join(names), scope)
    return scope["probe"](**names)
