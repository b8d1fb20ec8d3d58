import threading


def work():
    print("worker ran")


t = threading.Thread(target=work, name="worker")
t.start()
t.join()
print("worker id", t.native_id)
