import asyncio


async def fetch(n):
    for _ in range(2):
        await asyncio.sleep(0)
        got = n * 2  # @after-await: hit after each resume
    return got


print(asyncio.run(fetch(21)))
