import sys

# Imports a module from the directory the test names (argv[1]) and says whether the
# program runs with bytecode writing off, and which cache tag this Python has.
sys.path.insert(0, sys.argv[1])
import sibling  # noqa: E402

print(sibling.NAME, sys.dont_write_bytecode, sys.implementation.cache_tag)
