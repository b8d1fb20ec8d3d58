"""DAP framing on the agent's side: what a malformed frame or body does to the reader."""

import io
import json
import os
import socket
import subprocess
import sys
import threading
import unittest
from unittest import mock

from dapper_agent.transport.wire import Channel, Unreadable


def _frame(body):
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def _request(seq, command="threads"):
    return _frame(json.dumps({"seq": seq, "type": "request", "command": command}).encode())


class ReceiveTests(unittest.TestCase):
    def setUp(self):
        self.ours, self.theirs = socket.socketpair()
        self.addCleanup(self.ours.close)
        self.addCleanup(self.theirs.close)
        self.channel = Channel(self.ours)
        self.stderr = io.StringIO()

    def receive(self):
        """The next message, with a deadline: a reader that waits forever fails the test."""
        got = []
        reader = threading.Thread(target=lambda: got.append(self._receive_quietly()), daemon=True)
        reader.start()
        reader.join(5)
        if reader.is_alive():
            self.fail("receive() is still waiting")
        return got[0]

    def _receive_quietly(self):
        with mock.patch("sys.__stderr__", self.stderr):  # where the agent's warnings go
            return self.channel.receive()

    def test_a_body_that_is_not_utf8_is_unreadable_and_the_next_request_is_read(self):
        self.theirs.sendall(_frame(b'{"seq": 1, "type": "request", "command": "evaluate", '
                                   b'"arguments": {"expression": "\xff\xfe"}}') + _request(2))
        bad = self.receive()
        self.assertIsInstance(bad, Unreadable)
        self.assertIn("not valid UTF-8", bad.reason)
        self.assertEqual((bad.message["seq"], bad.message["command"]), (1, "evaluate"))
        self.assertEqual(self.receive()["seq"], 2)

    def test_a_body_that_is_not_json_is_unreadable_and_the_next_request_is_read(self):
        for body in (b'{"seq": 1, "type": ', b"[" * 100000, b"[1, 2]", b'"text"'):
            self.theirs.sendall(_frame(body) + _request(2))
            bad = self.receive()
            self.assertIsInstance(bad, Unreadable, body[:20])
            self.assertIsNone(bad.message)
            self.assertEqual(self.receive()["seq"], 2)

    def test_a_header_block_without_content_length_ends_the_connection(self):
        self.theirs.sendall(b"Content-Type: application/json\r\n\r\n" + _request(2))
        self.assertIsNone(self.receive())
        self.assertIn("without Content-Length", self.stderr.getvalue())
        self.assertTrue(self.channel.closed)

    def test_a_bad_content_length_ends_the_connection(self):
        for header in (b"Content-Length: twelve", b"Content-Length: -5", b"Content-Length: 99999999999999"):
            with self.subTest(header=header):
                self.setUp()
                self.theirs.sendall(header + b"\r\n\r\n" + _request(2))
                self.assertIsNone(self.receive())
                self.assertIn("Content-Length", self.stderr.getvalue())

    def test_an_endless_header_ends_the_connection(self):
        self.theirs.sendall(b"X-Padding: " + b"a" * 70000)
        self.assertIsNone(self.receive())
        self.assertIn("header", self.stderr.getvalue())

    def test_requests_split_across_reads_and_joined_in_one_arrive_whole(self):
        data = _request(1) + _request(2) + _request(3)
        for i in range(0, len(data), 7):
            self.theirs.sendall(data[i:i + 7])
        self.assertEqual([self.receive()["seq"] for _ in range(3)], [1, 2, 3])

    def test_the_end_of_the_connection_is_none(self):
        self.theirs.close()
        self.assertIsNone(self.receive())


class SendTests(unittest.TestCase):
    def test_a_response_that_cannot_be_encoded_becomes_an_error_response(self):
        ours, theirs = socket.socketpair()
        self.addCleanup(ours.close)
        self.addCleanup(theirs.close)
        channel = Channel(ours)
        channel.respond({"seq": 4, "command": "evaluate"}, {"result": object()})
        peer = Channel(theirs)
        response = peer.receive()
        self.assertEqual((response["request_seq"], response["success"]), (4, False))
        self.assertIn("could not be encoded", response["message"])


class ConnectTests(unittest.TestCase):
    def test_connecting_to_an_address_loads_no_codec(self):
        # getaddrinfo encodes a str host with the idna codec, which imports three
        # modules on first use: milliseconds of every program's start.
        code = "\n".join([
            "import socket, sys",
            "from dapper_agent.transport.wire import Channel",
            "server = socket.create_server(('127.0.0.1', 0))",
            "Channel.connect('127.0.0.1:%d' % server.getsockname()[1], timeout=5).close()",
            "print('encodings.idna' in sys.modules)",
        ])
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        out = subprocess.run([sys.executable, "-c", code], cwd=here, capture_output=True, text=True, timeout=60)
        self.assertEqual((out.stdout.strip(), out.stderr), ("False", ""))


if __name__ == "__main__":
    unittest.main()
