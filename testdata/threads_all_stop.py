import threading

state = {"stop": False}
started = threading.Event()


def spin():
    threading.current_thread().name = "spinner-renamed"
    count = 0
    started.set()
    while not state["stop"]:
        count += 1  # @spin
    print("spun", count > 0)


worker = threading.Thread(target=spin, name="spinner")
worker.start()
started.wait()
print("main stops here")  # @main-bp
state["stop"] = True
worker.join()
