"""Statements of the kinds a check can guard (marked `checked`) and of those it leaves to
tracing (marked `traced`), with the scopes a condition reads names from."""
import asyncio

TOTAL = 0  # checked


def simple(n):
    total = 0  # checked
    for i in range(n):  # traced: a loop header has a line event each time round
        total += i % 7  # checked
        if i == 2:  # checked
            total -= 1
        elif i == 3:  # checked
            total += 2
        else:
            pass
    return total  # checked


def exceptions(n):
    try:  # checked
        value = 10 // n  # checked
    except ZeroDivisionError:
        value = -1  # checked
    else:
        value += 1
    finally:
        value += 100  # checked: compiled twice, checked in both
    return value


def closures(base):
    offset = base * 2

    def inner(x):
        nonlocal offset
        offset += 1  # checked
        return x + offset + base  # checked

    return inner(1) + inner(2)


def declarations():
    global TOTAL
    TOTAL += 1  # checked
    kept = [1, 2]
    del kept[0]  # checked
    assert kept  # checked
    import os.path as p  # checked
    from functools import reduce  # checked
    return reduce(lambda a, b: a + b, [TOTAL, len(p.sep)])  # checked: the lambda's own frame is traced


class Shape:
    sides = 3  # checked
    doubled = sides * 2  # checked

    def area(self, k):
        with open(__file__) as f:  # traced: a with has a line event as it exits
            first = f.readline()  # checked
        return len(first) * k + self.sides


def comprehensions(n):
    squares = [i * i for i in range(n)]  # checked
    return sum(x for x in squares if x % 2)


def loops(n):
    i = 0
    while i < n:  # traced
        i += 1
        if i == 5:
            break  # checked
        if i == 2:
            continue  # checked
    return i


def generator(n):
    for i in range(n):
        yield i  # traced: a line event again as it resumes
        n += 0  # checked
    return


async def coroutine():
    await asyncio.sleep(0)  # traced
    value = 1  # checked
    return value


def decorated(function):
    return function


@decorated  # traced: a definition
def plain(x):
    return x + 1


def run():
    return (simple(6), exceptions(0), exceptions(2), closures(3), declarations(), Shape().area(2), Shape.doubled,
            comprehensions(5), loops(9), list(generator(3)), asyncio.run(coroutine()), plain(1))
