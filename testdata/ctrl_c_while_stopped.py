import sys

try:
    value = 42  # @stopped
    print("the line after the stop ran")
finally:
    print("finally ran")
sys.exit(0)
