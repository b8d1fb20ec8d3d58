import os
import sys

print("argv", sys.argv[1:])
print("cwd", os.getcwd())
print("FOO", os.environ.get("FOO"))
print("HOME set", "HOME" in os.environ)
print("path0", sys.path[0])
print("main file", __file__)
