import sys

print("module", __name__, __spec__.name, sys.argv[1:])
