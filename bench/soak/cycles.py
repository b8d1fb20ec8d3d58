import sys

# A breakpoint on the marked line stops the loop once per iteration.
n = int(sys.argv[1])
total = 0
for i in range(n):
    total += i  # bench: breakpoint
print("total", total)
