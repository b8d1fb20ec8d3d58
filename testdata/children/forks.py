"""os.fork(): the child and the parent each reach a line of their own, and the parent
waits for the child, which exits with status 5."""
import os

pid = os.fork()
if pid == 0:
    where = "child"  # @fork-child
    print("in the", where, flush=True)
    os._exit(5)
where = "parent"  # @fork-parent
_, status = os.waitpid(pid, 0)
print("the child exited with", os.waitstatus_to_exitcode(status), flush=True)
