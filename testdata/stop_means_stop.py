import atexit
import sys

marker = sys.argv[1]
atexit.register(print, "atexit ran", flush=True)
try:
    print("before the breakpoint", flush=True)
    x = 1  # @stop
    open(marker, "w").write("the line after the breakpoint ran\n")
    print("after the breakpoint", flush=True)
finally:
    print("finally ran", flush=True)
