"""What the agent's unit tests share."""

import sys


def frame_with(**names):
    """A real function frame whose locals are names (and whose globals hold sys)."""
    scope = {"sys": sys}
    exec("def probe(%s):\n    return sys._getframe()\n" % ", ".join(names), scope)
    return scope["probe"](**names)


class RecordingChannel:
    """A channel to the adapter that keeps what the agent sends: (event, body) pairs."""

    def __init__(self):
        self.events = []

    def send_event(self, event, body=None):
        self.events.append((event, body))
        return True

    def bodies(self, event):
        return [body for name, body in self.events if name == event]
