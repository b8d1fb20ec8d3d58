import sys

print("hook is named %s" % sys.excepthook.__name__)


def report(exc_type, exc, tb):
    sys.stderr.write("own hook: %s: %s\n" % (exc_type.__name__, exc))


sys.excepthook = report
raise ValueError("mine")  # @raise
