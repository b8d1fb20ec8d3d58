"""A program of a fleet: started with DAPPER_CONNECT (and the agent on PYTHONPATH), it
joins the debug session of the adapter that listens there."""
import sys


def work(name):
    label = "worker " + name  # @fleet-stop
    return label


print(work(sys.argv[1]), flush=True)
