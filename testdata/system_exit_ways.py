"""The ways a program ends with SystemExit: sys.exit() in a function, the exit()
builtin, and one it catches first (which is no reason to stop)."""
import sys


def leave(code):
    sys.exit(code)  # @sys-exit


try:
    sys.exit(5)
except SystemExit as caught:
    code = caught.code
# Caught, it leaves nothing behind: the main thread runs untraced again.
print("caught", code, "untraced" if sys.gettrace() is None else "traced")
how = sys.argv[1]
if how == "function":
    leave(4)
elif how == "builtin":
    exit(6)  # @builtin-exit
print("not reached")
