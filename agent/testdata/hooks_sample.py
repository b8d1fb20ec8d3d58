"""Every kind of scope that code copies put a hook in."""
from __future__ import annotations

import asyncio
import functools


def plain(x):
    return x + 1


def documented(x):
    """A docstring stays first."""
    y = x * 2
    return y


def only_docstring():
    """Nothing else."""


def outer(n):
    def inner(a):
        return a - n

    return inner


twice = lambda v: v * 2  # noqa: E731


def comprehensions(n):
    squares = [i * i for i in range(n)]
    evens = {i for i in squares if i % 2 == 0}
    table = {i: str(i) for i in evens}
    total = sum(i for i in table)
    return total


class Shape:
    sides = 0

    def __init__(self, sides):
        self.sides = sides

    @property
    def even(self):
        return self.sides % 2 == 0

    @functools.lru_cache(maxsize=None)
    def doubled(self):
        return self.sides * 2


def numbers(n):
    for i in range(n):
        yield i
        done = i
    return done


async def answer():
    await asyncio.sleep(0)
    value = 42
    return value


def run():
    shape = Shape(4)
    return (plain(1), documented(2), only_docstring(), outer(3)(5), twice(4), comprehensions(5),
            shape.even, shape.doubled(), list(numbers(3)), asyncio.run(answer()))
