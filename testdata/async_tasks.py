import asyncio


async def worker(name, queue):
    item = await queue.get()  # @worker-wait
    return name, item


async def compute(x):
    await asyncio.sleep(0)
    return x * 2


async def main():
    queue = asyncio.Queue()
    waiting = [asyncio.create_task(worker("w%d" % i, queue), name="worker-%d" % i) for i in range(2)]
    await asyncio.sleep(0)  # the workers start, and wait on the queue
    total = 21  # @main-stop
    for _ in waiting:
        queue.put_nowait(total)
    print(await asyncio.gather(*waiting))


before = "no loop yet"  # @before-loop
asyncio.run(main())
