"""The program's sys.stdout and sys.stderr, sent as DAP output events through the one
agent connection, so stdout and stderr arrive in the order the program wrote them.

Each stream stays a real io.TextIOWrapper with the original's encoding, errors and
fileno; only its binary sink is ours. Both sinks share one buffer of the bytes
written. The first write after a quiet spell is sent at once (so sparse output shows
immediately); in the burst that may follow, writes are held and a small agent thread
sends them together within _LINGER, which turns a 10 MB burst of short lines into a
few hundred events instead of a hundred thousand. flush(), a switch of stream, a large
buffer and every stop (see flush_all) send at once. If the adapter goes away, writes
fall back to the original file descriptors.

Attached to a program that runs on its own (attach, `dapper run`), or in a terminal
console with redirectOutput, the streams are teed instead (tee): every write goes to
the original file descriptor at once, as it would without us, and a copy is sent as an
event only while a client wants output (set_sending). What the program writes to its
file descriptors directly, or through a stream object it took before the tee, reaches
the terminal but not the client.

Output goes to the adapter as output frames (dap.OutputHeader in internal/dap): the
text, raw UTF-8, under a header naming its category; the adapter makes the JSON event.
Escaping megabytes of text as JSON is what Python is slowest at here, and the adapter
does it on another core while the program runs on. A write is never decoded or
copied on its way but to join a batch; each frame ends on a character boundary, and
a large batch goes in frames of at most _FRAME_MAX bytes, so that the adapter relays
one while the next is being sent.
"""

import _thread
import atexit
import codecs
import functools
import io
import os
import sys
import threading

from .. import threads

_FLUSH_AT = 64 * 1024
_FRAME_MAX = 1 << 20
_LINGER = 0.005
_ordered = None


class _Stream:
    """Where one category's bytes came from: the original file descriptor (the fallback)
    and, for an encoding other than UTF-8, a decoder to UTF-8. tail holds the bytes of a
    character whose end has not been written yet."""

    __slots__ = ("fd", "decoder", "tail")

    def __init__(self, original):
        self.fd = original.fileno()
        encoding = original.encoding or "utf-8"
        utf8 = codecs.lookup(encoding).name == "utf-8"
        self.decoder = None if utf8 else codecs.getincrementaldecoder(encoding)("replace")
        self.tail = b""

    def utf8(self, data, final=False):
        """data (what the program wrote) as UTF-8 ending on a character boundary; the
        bytes of a character cut short wait in tail for the next call."""
        if self.decoder is not None:
            return self.decoder.decode(data, final).encode("utf-8", "replace")
        if self.tail:
            data, self.tail = self.tail + data, b""
        if not final and data and data[-1] >= 0x80:
            cut = _complete(data)
            data, self.tail = data[:cut], data[cut:]
        return data


def _is_continuation(byte):
    return 0x80 <= byte < 0xC0


def _complete(data):
    """The length of the longest prefix of data that does not end inside a UTF-8
    character."""
    lead = len(data) - 1
    while lead > 0 and lead > len(data) - 4 and _is_continuation(data[lead]):
        lead -= 1
    first = data[lead]
    need = 1 if first < 0xC0 else 2 if first < 0xE0 else 3 if first < 0xF0 else 4
    return len(data) if len(data) - lead >= need else lead


def _cut_before(data, end):
    """An offset at or a few bytes before end (< len(data)) where data can be cut
    without splitting a UTF-8 character: the next frame starts with no continuation
    byte. Bytes that are not UTF-8 are cut at end."""
    for cut in range(end, max(end - 4, 0), -1):
        if not _is_continuation(data[cut]):
            return cut
    return end


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
        self._armed = False  # a burst is on: the linger thread sends what is held
        self._immediate = False
        self._streams = {}
        self._wake = threading.Condition(self._lock)
        self._linger_ended = threading.Event()
        _thread.start_new_thread(self._linger_loop, ())

    def writer(self, category, original):
        """The write function of category's sink: write(data) -> len(data)."""
        self._streams[category] = _Stream(original)
        return functools.partial(self.write, category)

    def write(self, category, data):
        data = bytes(data)  # the same object for bytes; a copy of a buffer the caller may reuse
        with self._lock:
            if self.tee:
                _write_all(self._streams[category].fd, data)
                if not self.sending:
                    return len(data)
            if self._category != category:
                self._send()
                self._category = category
            self._parts.append(data)
            self._size += len(data)
            if self._immediate or self._size >= _FLUSH_AT:
                self._send()
            elif not self._armed:
                self._send()  # the first write after a quiet spell goes at once
                self._armed = True
                self._wake.notify()
        return len(data)

    def _linger_loop(self):
        threads.mark_agent_thread()
        try:
            with self._lock:
                while True:
                    while not self._armed and not self._immediate:
                        self._wake.wait()
                    if not self._immediate:
                        # Only stop_lingering notifies while armed: the program's exit
                        # does not wait out the linger.
                        self._wake.wait(_LINGER)
                    if self._immediate:
                        return  # stop_lingering sends what is held
                    if self._parts:
                        self._send()
                    else:
                        self._armed = False  # quiet: the next write goes at once
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
            for category in list(self._streams):  # what each decoder or tail still holds
                self._category = category
                self._send(final=True)
        self._linger_ended.wait(1.0)

    def retarget(self, channel, sending):
        """Tee: send to channel from now on (a new agent connection), if sending."""
        with self._lock:
            self._send()
            self._channel, self.sending = channel, sending
            if not sending:
                self._parts, self._size = [], 0

    def after_fork_in_child(self):
        """Only the forking thread survives a fork: no linger thread in the child, and
        the writes the parent still holds are the parent's to send."""
        self._parts, self._size = [], 0
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._immediate = True

    def _send(self, final=False):
        if not self._parts and not final:
            return
        parts, self._parts, self._size = self._parts, [], 0
        stream = self._streams.get(self._category)
        if stream is None:
            return
        raw = parts[0] if len(parts) == 1 else b"".join(parts)
        payload = memoryview(stream.utf8(raw, final))
        sent = 0
        while sent < len(payload) and self._channel is not None:
            end = len(payload) if len(payload) - sent <= _FRAME_MAX else _cut_before(payload, sent + _FRAME_MAX)
            if not self._channel.send_output(self._category, payload[sent:end]):
                break
            sent = end
        if sent == len(payload):
            return
        if self.tee:
            return  # it went where the stream pointed as it was written
        # The adapter is gone: what it did not get goes where the stream pointed (for
        # an encoding other than UTF-8, as written if none of it was sent).
        _write_all(stream.fd, memoryview(raw) if stream.decoder is not None and sent == 0 else payload[sent:])


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
        self._fd = original.fileno()
        # An instance attribute: TextIOWrapper's write reaches the buffer in one call.
        self.write = ordered.writer(category, original)

    def writable(self):
        return True

    def fileno(self):
        return self._fd

    def isatty(self):
        # Teed, the stream still writes where it did: a terminal stays one.
        return self._ordered.tee and os.isatty(self._fd)

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
