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

Attached to a program that runs on its own (attach, `dapper run`), the streams are
teed instead (tee): every write goes to the original file descriptor at once, as it
would without us, and a copy is sent as an event only while a client wants output
(set_sending). What the program writes to its file descriptors directly, or through a
stream object it took before the tee, reaches the terminal but not the client.
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
    """The buffer both streams write through; one lock keeps their order. With tee,
    writes go to their file descriptor first and are sent only while sending."""

    def __init__(self, channel, tee=False, sending=True):
        self._channel = channel
        self.tee = tee
        self.sending = sending
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
        with self._lock:
            if self.tee:
                _write_all(fd, raw)
                if not self.sending:
                    return
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
        if text and self._channel is not None and self._channel.send_event("output", {"category": self._category, "output": text}):
            return
        if not self.tee:
            for _, raw, fd in parts:  # the adapter is gone: write where the stream pointed
                _write_all(fd, raw)

    def retarget(self, channel, sending):
        """Tee: send to channel from now on (a new agent connection), if sending."""
        with self._lock:
            self._send()
            self._channel, self.sending = channel, sending
            if not sending:
                self._parts, self._size = [], 0


def _write_all(fd, raw):
    view = memoryview(raw)
    while view:
        try:
            view = view[os.write(fd, view):]
        except InterruptedError:
            continue
        except OSError:
            return


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
        # Teed, the stream still writes where it did: a terminal stays one.
        return self._ordered.tee and os.isatty(self._fd)

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
    _install(_OrderedOutput(channel, tee))


def tee(channel, sending):
    """Tee sys.stdout and sys.stderr to channel, sending while sending is true (see
    set_sending). Called again (a new agent connection), it sends to the new channel."""
    if _ordered is not None and _ordered.tee:
        _ordered.retarget(channel, sending)
        return
    _install(_OrderedOutput(channel, tee=True, sending=sending))


def set_sending(on):
    """Tee: whether a client is there to send output to."""
    if _ordered is not None and _ordered.tee:
        _ordered.retarget(_ordered._channel, on)


def untee():
    """Put the program's own streams back (the agent leaves a program it attached to),
    where nothing has replaced ours since."""
    global _ordered
    if _ordered is None or not _ordered.tee:
        return
    for name, (ours, original) in list(_replaced.items()):
        if getattr(sys, name) is ours:
            try:
                ours.flush()
            except (OSError, ValueError):
                pass
            setattr(sys, name, original)
    _replaced.clear()
    _ordered.retarget(None, False)
    _ordered.stop_lingering()
    _ordered = None


_replaced = {}  # stream name -> (our stream, the original)


def _install(ordered):
    global _ordered
    _ordered = ordered
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
        # Teed, a stream keeps its buffering: block-buffered to a file or pipe,
        # line-buffered to a terminal, unbuffered with -u.
        layer = io.BufferedWriter(sink) if ordered.tee and not original.write_through else sink
        ours = io.TextIOWrapper(
            layer, encoding=original.encoding, errors=original.errors,
            line_buffering=original.line_buffering, write_through=original.write_through if ordered.tee else True,
        )
        _replaced[name] = (ours, original)
        setattr(sys, name, ours)
