"""The program's output on its way to the adapter: output frames of raw UTF-8 that end
on character boundaries, in order, in pieces, and back to the file descriptor when
the adapter has gone."""

import io
import os
import socket
import time
import unittest
from unittest import mock

from dapper_agent.transport import output
from dapper_agent.transport.wire import Channel


def read_frames(sock):
    """Every (headers, body) frame on sock until it closes."""
    data = b""
    while True:
        chunk = sock.recv(1 << 20)
        if not chunk:
            break
        data += chunk
    frames = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        headers = dict(line.split(b": ", 1) for line in head.split(b"\r\n"))
        length = int(headers[b"Content-Length"])
        frames.append((headers, rest[:length]))
        data = rest[length:]
    return frames


class Original:
    """What a sink takes from the stream it replaces."""

    def __init__(self, fd, encoding="utf-8"):
        self._fd, self.encoding = fd, encoding

    def fileno(self):
        return self._fd


class OutputTests(unittest.TestCase):
    def setUp(self):
        self.ours, self.theirs = socket.socketpair()
        self.addCleanup(self.ours.close)
        self.addCleanup(self.theirs.close)
        self.channel = Channel(self.ours)
        self.read_fd, self.write_fd = os.pipe()
        self.addCleanup(os.close, self.read_fd)
        self.addCleanup(os.close, self.write_fd)
        self.ordered = output._OrderedOutput(self.channel, False)
        self.addCleanup(self.ordered.stop_lingering)

    def stream(self, category="stdout", encoding="utf-8"):
        sink = output._EventSink(self.ordered, category, Original(self.write_fd, encoding))
        return io.TextIOWrapper(sink, encoding=encoding, write_through=True)

    def frames(self):
        self.ordered.stop_lingering()
        self.ours.close()
        return read_frames(self.theirs)

    def test_writes_arrive_as_output_frames_in_order(self):
        out, err = self.stream("stdout"), self.stream("stderr")
        out.write("one\n")
        err.write("two\n")
        out.write("three\n")
        frames = self.frames()
        self.assertEqual([(h[b"Dapper-Output"], b) for h, b in frames],
                         [(b"stdout", b"one\n"), (b"stderr", b"two\n"), (b"stdout", b"three\n")])

    def test_a_character_split_between_writes_arrives_whole(self):
        out = self.stream()
        euro = "€".encode()
        out.buffer.write(euro[:1])
        out.flush()
        out.buffer.write(euro[1:] + b"!")
        out.flush()
        # Each frame is UTF-8 on its own: the adapter never sees half a character.
        self.assertEqual([b.decode() for _, b in self.frames()], ["€!"])

    def test_a_large_write_goes_in_pieces_that_end_on_characters(self):
        with mock.patch.object(output, "_FRAME_MAX", 1000):
            out = self.stream()
            text = "aé€😀" * 2000
            out.write(text)
            frames = self.frames()
        self.assertGreater(len(frames), 10)
        self.assertTrue(all(len(b) <= 1000 for _, b in frames))
        self.assertEqual("".join(b.decode() for _, b in frames), text)

    def test_another_encoding_arrives_as_utf8(self):
        out = self.stream(encoding="latin-1")
        out.write("café\n")
        self.assertEqual(b"".join(b for _, b in self.frames()), "café\n".encode())

    def test_when_the_adapter_has_gone_writes_go_to_the_file_descriptor(self):
        out = self.stream()
        self.theirs.close()
        self.channel.closed = True
        out.write("to the terminal\n")
        self.assertEqual(os.read(self.read_fd, 100), b"to the terminal\n")

    def test_the_exit_does_not_wait_out_a_linger(self):
        # The first write arms the linger thread; the last atexit handler ends it at
        # once, however long the linger, and what was held is sent.
        with mock.patch.object(output, "_LINGER", 3600):
            out = self.stream()
            out.write("first\n")
            out.write("held\n")
            time.sleep(0.05)  # the linger thread takes the burst: it lingers now
            self.ordered.stop_lingering()
            self.assertTrue(self.ordered._linger_ended.is_set())
        self.assertEqual(b"".join(body for _, body in self.frames()), b"first\nheld\n")


class BoundaryTests(unittest.TestCase):
    def test_complete_keeps_whole_characters_only(self):
        euro = "€".encode()
        for data, want in [(b"ab", 2), (b"a" + euro, 4), (b"a" + euro[:2], 1), (b"a" + euro[:1], 1),
                           ("😀".encode()[:3], 0), (b"\x80\x80\x80\x80", 4)]:
            self.assertEqual(output._complete(data), want, data)

    def test_cut_before_never_starts_a_piece_inside_a_character(self):
        data = ("x" + "😀") * 10
        raw = data.encode()
        for end in range(1, len(raw) - 1):
            cut = output._cut_before(raw, end)
            self.assertLessEqual(cut, end)
            raw[:cut].decode()
            raw[cut:].decode()


if __name__ == "__main__":
    unittest.main()
