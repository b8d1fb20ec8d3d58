import threading

barrier = threading.Barrier(4)
hits = []


def worker(n):
    barrier.wait()
    hits.append(n)  # @hit


threads = [threading.Thread(target=worker, args=(i,), name="worker-%d" % i) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(hits))
