import sys

name = input("name? ")
print("hello", name)  # @answered
print("stdin is a terminal:", sys.stdin.isatty())
print("executable", sys.executable)
sys.exit(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
