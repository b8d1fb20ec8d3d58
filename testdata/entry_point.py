import sys  # @first

print("entered", sys.argv[1:])
