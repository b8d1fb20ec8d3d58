import sys

for i in range(200):
    print("out %d" % i)
    print("err %d" % i, file=sys.stderr)
    sys.stdout.write("part-")
    sys.stderr.write("E%d\n" % i)
