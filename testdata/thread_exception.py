import threading


def worker():
    job = {"id": 7}
    raise LookupError("job %d failed" % job["id"])  # @thread-raise


thread = threading.Thread(target=worker, name="worker")
thread.start()
thread.join()
print("main done")
