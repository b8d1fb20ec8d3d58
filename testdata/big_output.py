import sys

# 10 MB of numbered lines: the test checks every one arrived, in order.
line = "x" * 90
total = 0
i = 0
while total < 10 * 1024 * 1024:
    text = "%08d %s\n" % (i, line)
    sys.stdout.write(text)
    total += len(text)
    i += 1
sys.stderr.write("lines=%d bytes=%d\n" % (i, total))
