"""Object- and method-heavy code: small classes, properties, method calls, dunder
methods and attribute access."""

import time


def never_called():
    return "the runner puts its breakpoint here"  # bench: breakpoint


class Vector:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def scaled(self, k):
        return Vector(self.x * k, self.y * k)

    @property
    def norm2(self):
        return self.x * self.x + self.y * self.y


class Particle:
    def __init__(self, position, velocity):
        self.position = position
        self.velocity = velocity

    def step(self, dt):
        self.position = self.position + self.velocity.scaled(dt)  # bench: hot if dt < 0
        if self.position.norm2 > 100.0:
            self.velocity = self.velocity.scaled(-1.0)


def simulate(count, steps):
    particles = [Particle(Vector(i * 0.01, 0.0), Vector(1.0, 0.5)) for i in range(count)]
    for _ in range(steps):
        for p in particles:
            p.step(0.01)
    return sum(p.position.norm2 for p in particles)


start, start_cpu = time.perf_counter(), time.process_time()
simulate(2000, 400)
print("bench: compute seconds %.6f cpu %.6f" % (time.perf_counter() - start, time.process_time() - start_cpu))
