greeting = "stopped on the first line"  # bench: breakpoint
# The runner measures launch -> the first stopped event, at a breakpoint on line 1.
print(greeting)
