# Runs imported/rewritten_target.py from rewritten source text (as pytest's assertion
# rewriting does), so its code does not match the file it names.
import os

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "imported", "rewritten_target.py")
with open(path) as f:
    source = f.read().replace("FACTOR = 2", "FACTOR = 5")
namespace = {"__name__": "rewritten_target"}
exec(compile(source, path, "exec"), namespace)
print(namespace["scale"](3))
