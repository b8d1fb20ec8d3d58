import sys

# MB megabytes of stdout in numbered 100-byte lines, each its own write.
mb = int(sys.argv[1])
write = sys.stdout.write
filler = "x" * 90
for i in range(mb * 1024 * 1024 // 100):
    write("%08d %s\n" % (i, filler))
