"""The program's sys.stdout and sys.stderr, sent as DAP output events through the one
agent connection, so stdout and stderr arrive in the order the program wrote them.

Each stream stays a real io.TextIOWrapper with the original's encoding, errors and
fileno; only its binary sink is ours. Both sinks share one buffer that holds at most
a partial line: it is sent at a newline, at flush(), when the other stream writes,
or when it grows large. If the adapter goes away, writes fall back to the original
file descriptors.
"""

import codecs
import io
import os
import sys
import threading

_FLUSH_AT = 64 * 1024


class _OrderedOutput:
    """The buffer both streams write through; one lock keeps their order."""

    def __init__(self, channel):
        self._channel = channel
        self._lock = threading.Lock()
        self._category = None
        self._parts = []
        self._size = 0

    def write(self, category, text, raw, fd):
        with self._lock:
            if self._category != category:
                self._send()
                self._category = category
            self._parts.append((text, raw, fd))
            self._size += len(raw)
            if text.endswith("\n") or self._size >= _FLUSH_AT:
                self._send()

    def flush(self):
        with self._lock:
            self._send()

    def _send(self):
        if not self._parts:
            return
        parts, self._parts, self._size = self._parts, [], 0
        text = "".join(p[0] for p in parts)
        if text and self._channel.send_event("output", {"category": self._category, "output": text}):
            return
        for _, raw, fd in parts:  # the adapter is gone: write where the stream pointed
            try:
                os.write(fd, raw)
            except OSError:
                pass


class _EventSink(io.RawIOBase):
    def __init__(self, ordered, category, original):
        self._ordered = ordered
        self._category = category
        self._fd = original.fileno()
        self._decoder = codecs.getincrementaldecoder(original.encoding or "utf-8")("replace")

    def writable(self):
        return True

    def fileno(self):
        return self._fd

    def isatty(self):
        return False

    def write(self, data):
        data = bytes(data)
        self._ordered.write(self._category, self._decoder.decode(data), data, self._fd)
        return len(data)

    def flush(self):
        self._ordered.flush()


def capture(channel):
    """Route sys.stdout and sys.stderr through channel."""
    ordered = _OrderedOutput(channel)
    for name in ("stdout", "stderr"):
        original = getattr(sys, name)
        if original is None:
            continue
        try:
            original.flush()
            original.fileno()
        except (OSError, ValueError, AttributeError):
            continue
        sink = _EventSink(ordered, name, original)
        setattr(sys, name, io.TextIOWrapper(
            sink, encoding=original.encoding, errors=original.errors,
            line_buffering=True, write_through=True,
        ))
