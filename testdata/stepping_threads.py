import threading
import time

count = 0
done = False


def worker():
    global count
    while not done:
        count += 1
        time.sleep(0.001)


thread = threading.Thread(target=worker, daemon=True)
thread.start()
while count < 3:
    time.sleep(0.001)
before = count  # @stop
time.sleep(0.2)
after = count  # @after
done = True
thread.join()
