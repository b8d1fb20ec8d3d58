import threading

hits = []


def worker(n):
    for i in range(5):
        hits.append(n)  # @hit
        x = sum(range(100))


threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(hits))
