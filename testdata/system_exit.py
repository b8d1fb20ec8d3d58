import sys

code = int(sys.argv[1])
sys.exit(code)  # @exit
