import asyncio


class Resource:
    def __enter__(self):
        self.opened = True  # @enter
        return self

    def __exit__(self, *exc):
        self.opened = False  # @exit
        return False


def numbers():
    yield 1  # @gen-first
    yield 2  # @gen-second


async def fetch():
    await asyncio.sleep(0)  # @await
    return 5  # @after-await


async def run_async():
    value = await fetch()  # @call-fetch
    return value


def main():
    with Resource() as r:  # @with
        inside = r.opened  # @with-body
    after_with = inside  # @after-with
    total = 0
    for n in numbers():  # @for
        total += n  # @loop-body
    result = asyncio.run(run_async())  # @asyncio-run
    print(after_with, total, result)  # @done


main()
