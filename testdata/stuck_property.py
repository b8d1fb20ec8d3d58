"""A property whose getter blocks in native code (waiting on an event) while the
program is stopped. The event is set by another thread, which only runs once the
program is resumed: the getter then returns, and the program goes on as usual."""
import threading
import time

gate = threading.Event()
reached = threading.Event()


class Sensor:
    @property
    def reading(self):
        gate.wait()  # blocked in C until the opener runs
        return 42


def opener():
    reached.wait()
    time.sleep(1)  # the program stops at once: this thread too, after its sleep
    gate.set()


def main():
    sensor = Sensor()
    value = 1
    threading.Thread(target=opener, name="opener", daemon=True).start()
    reached.set()
    print("stopped", value)  # @stop
    print("read", sensor.reading)


main()
