import sys

# One line of MB megabytes, in one write.
mb = int(sys.argv[1])
sys.stdout.write("x" * (mb * 1024 * 1024 - 1) + "\n")
