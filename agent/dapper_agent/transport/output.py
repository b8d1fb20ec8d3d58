"""The program's sys.stdout and sys.stderr, sent as DAP output events through the one
agent connection, so stdout and stderr arrive in the order the program wrote them.

Each stream stays a real io.TextIOWrapper with the original's encoding, errors and
fileno; only its binary sink is ours. Both sinks share one buffer. A write is sent at
once when nothing was sent in the last few milliseconds (so sparse output shows
immediately); in a burst, writes are held and a small agent thread sends them
together within _LINGER, which turns a 10 MB burst of short lines into a few hundred
events instead of a hundred thousand. flush(), a switch of stream, a large buffer and
every stop (see flush_all) send at once. If the adapter goes away, writes fall back
to the original file descriptors. With tee (a terminal console with redirectOutput),
every write also goes to the original file descriptor at once: the terminal shows it,
and the debug console too.
"""

import _thread
import atexit
import codecs
import io
import os
import sys
import threading
import time

from .. import threads

_FLUSH_AT = 64 * 1024
_LINGER = 0.005
_ordered = None


class _OrderedOutput:
    """The buffer both streams write through; one lock keeps their order."""

    def __init__(self, channel, tee):
        self._channel = channel
        self._tee = tee
        self._lock = threading.Lock()
        self._category = None
        self._parts = []
        self._size = 0
        self._last_send = 0.0
        self._immediate = False
        self._wake = threading.Condition(self._lock)
        self._linger_ended = threading.Event()
        _thread.start_new_thread(self._linger_loop, ())

    def write(self, category, text, raw, fd):
        if self._tee:
            _write_all(fd, raw)
        with self._lock:
            if self._category != category:
                self._send()
                self._category = category
            self._parts.append((text, raw, fd))
            self._size += len(raw)
            if self._immediate or self._size >= _FLUSH_AT or time.monotonic() - self._last_send >= _LINGER:
                self._send()
            elif len(self._parts) == 1:
                self._wake.notify()

    def _linger_loop(self):
        threads.mark_agent_thread()
        try:
            while True:
                with self._lock:
                    while not self._parts and not self._immediate:
                        self._wake.wait()
                    if self._immediate:
                        return
                time.sleep(_LINGER)
                with self._lock:
                    self._send()
        finally:
            self._linger_ended.set()

    def flush(self):
        with self._lock:
            self._send()

    def stop_lingering(self):
        """From here on, send every write at once, and end the linger thread. Runs as
        the last atexit handler: after it the interpreter freezes daemon threads, and
        a frozen thread must not be holding the lock the final flush of sys.stdout
        needs — so the linger thread is gone, not just idle, before we return."""
        with self._lock:
            self._immediate = True
            self._wake.notify()
            self._send()
        self._linger_ended.wait(1.0)

    def after_fork_in_child(self):
        """Only the forking thread survives a fork: no linger thread in the child."""
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._immediate = True

    def _send(self):
        if not self._parts:
            return
        parts, self._parts, self._size = self._parts, [], 0
        self._last_send = time.monotonic()
        text = "".join(p[0] for p in parts)
        if text and self._channel.send_event("output", {"category": self._category, "output": text}) or self._tee:
            return
        for _, raw, fd in parts:  # the adapter is gone: write where the stream pointed
            _write_all(fd, raw)


def _write_all(fd, data):
    try:
        while data:
            data = data[os.write(fd, data):]
    except OSError:
        pass


class _EventSink(io.RawIOBase):
    def __init__(self, ordered, category, original):
        self._ordered = ordered
        self._category = category
        self._fd = original.fileno()
        self._tty = ordered._tee and original.isatty()
        self._decoder = codecs.getincrementaldecoder(original.encoding or "utf-8")("replace")

    def writable(self):
        return True

    def fileno(self):
        return self._fd

    def isatty(self):
        return self._tty

    def write(self, data):
        data = bytes(data)
        self._ordered.write(self._category, self._decoder.decode(data), data, self._fd)
        return len(data)

    def flush(self):
        self._ordered.flush()


def flush_all():
    """Send whatever output is held (before a stop is reported)."""
    if _ordered is not None:
        _ordered.flush()


def capture(channel, tee=False):
    """Route sys.stdout and sys.stderr through channel (and, with tee, on to where
    they pointed as well)."""
    global _ordered
    ordered = _ordered = _OrderedOutput(channel, tee)
    atexit.register(ordered.stop_lingering)
    os.register_at_fork(after_in_child=ordered.after_fork_in_child)
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
            line_buffering=original.line_buffering, write_through=True,
        ))
