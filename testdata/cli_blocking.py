"""Sleeps for long: Ctrl-C pauses it once the sleep returns, and a second Ctrl-C
interrupts the sleep with KeyboardInterrupt. It says "sleeping" once the main thread
is inside time.sleep, past the line's start, so that no pause can stop it before."""

import dis
import sys
import threading
import time


def line_start(code, line):
    if hasattr(code, "co_lines"):
        return min(start for start, _, at in code.co_lines() if at == line)
    return min(offset for offset, at in dis.findlinestarts(code) if at == line)


def announce_when_asleep(main, line):
    frame = sys._current_frames()[main]
    while frame.f_lineno != line or frame.f_lasti <= line_start(frame.f_code, line):
        time.sleep(0.01)
        frame = sys._current_frames()[main]
    print("sleeping", flush=True)


SLEEP_LINE = sys._getframe().f_lineno + 4
threading.Thread(target=announce_when_asleep, args=(threading.get_ident(), SLEEP_LINE)).start()

try:
    time.sleep(120)
except KeyboardInterrupt:
    print("interrupted")  # @interrupted
print("done")
