import threading


def compute(n):
    total = n * 2  # @compute: hit in the worker thread
    return total


def worker(out):
    out.append(compute(21))


out = []
t = threading.Thread(target=worker, args=(out,), name="worker")
t.start()
t.join()
print(out[0])
