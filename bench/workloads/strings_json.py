"""String and JSON processing: formatting, splitting, joining, json round trips."""

import json
import time


def never_called():
    return "the runner puts its breakpoint here"  # bench: breakpoint


def make_record(i):
    return {"id": i, "name": "user-%05d" % i, "tags": ["t%d" % (i % 7), "t%d" % (i % 11)],
            "score": i * 0.5, "active": i % 3 == 0}


def process(count):
    records = [make_record(i) for i in range(count)]
    text = json.dumps(records)
    decoded = json.loads(text)
    words = 0
    for record in decoded:
        line = "%s %s %s" % (record["name"], " ".join(record["tags"]), record["score"])  # bench: hot if words < 0
        words += len(line.upper().replace("-", " ").split())
    return words


start, start_cpu = time.perf_counter(), time.process_time()
for _ in range(6):
    process(20_000)
print("bench: compute seconds %.6f cpu %.6f" % (time.perf_counter() - start, time.process_time() - start_cpu))
