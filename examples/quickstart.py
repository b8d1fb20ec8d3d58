"""Dapper's quick start: a small program to try the debugger on.

    go run ./cmd/dapper debug examples/quickstart.py

At the (dapper) prompt try: b word_counts, c, n, p counts, where, l, ll, c.
"""

TEXT = """the quick brown fox jumps over the lazy dog
the dog sleeps and the fox runs"""


def word_counts(text):
    counts = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def top(counts, n):
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:n]


def main():
    counts = word_counts(TEXT)
    for word, count in top(counts, 3):
        print(f"{word:>6} {count}")


if __name__ == "__main__":
    main()
