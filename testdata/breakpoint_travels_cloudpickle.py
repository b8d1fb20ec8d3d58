"""A function with a breakpoint, pickled by value with cloudpickle, unpickled and
called; then the original is called."""

import pickle

import cloudpickle


def work(x):
    y = x * 2  # @work
    return y + 1


travelled = pickle.loads(cloudpickle.dumps(work))
print("travelled", travelled(20))
print("ran", work(1))
