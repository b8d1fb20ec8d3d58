"""DAP framing over a socket: one lock-guarded send per message, a blocking reader.

What comes in is checked at two levels. A frame that breaks the framing itself (a
header block without a usable Content-Length, a header that never ends) leaves no
way to find where the next message starts: the connection is ended, with the reason
on stderr, as if the adapter had gone. A well-framed body that is not a UTF-8 JSON
object is only that one message's fault: it is returned as Unreadable (with what
could be read of it, so that a request can still be answered) and reading goes on.

Paths in what crosses it are mapped when the client asked for pathMappings (pathmap).
"""

import json
import socket
import threading

from . import log
from ..errors import REQUEST_FAILED, warn

_HEADER_LIMIT = 64 * 1024  # bytes of headers before the blank line that ends them
_BODY_LIMIT = 1 << 30


class Unreadable:
    """A well-framed message whose body could not be used. reason says why; message is
    the body decoded leniently (invalid UTF-8 replaced), or None if not even that gives
    a JSON object."""

    __slots__ = ("reason", "message")

    def __init__(self, reason, message=None):
        self.reason = reason
        self.message = message


class FramingError(Exception):
    """The stream cannot be read on: where the next message starts is unknown."""


class Channel:
    """A DAP connection to the adapter. send() may be called from any thread."""

    def __init__(self, sock):
        self._sock = sock
        self._send_lock = threading.Lock()
        self._seq = 0
        self._buffer = bytearray()
        self.closed = False
        self.path_map = None  # a pathmap.PathMap, while the client's request has one

    @classmethod
    def connect(cls, address, timeout=None):
        host, _, port = address.rpartition(":")
        sock = socket.create_connection((_host_bytes(host.strip("[]")), int(port)), timeout)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(sock)

    def send(self, message):
        path_map = self.path_map
        if path_map:
            message = path_map.outgoing(message)
        with self._send_lock:
            if self.closed:
                return False
            self._seq += 1
            message["seq"] = self._seq
            body = _encode(message)
            log.message("out", body)
            data = b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
            try:
                self._sock.sendall(data)
            except OSError:
                self.closed = True
                return False
            return True

    def send_output(self, category, text):
        """Send the program's output (UTF-8 bytes) as one Dapper-Output frame: the
        adapter makes the output event of it, so no JSON is encoded here. It takes the
        send lock like every message, so a frame never lands inside another."""
        header = b"Content-Length: %d\r\nDapper-Output: %s\r\n\r\n" % (len(text), category.encode("ascii"))
        with self._send_lock:
            if self.closed:
                return False
            try:
                sent = self._sock.sendmsg([header, text])
                if sent < len(header):
                    self._sock.sendall(header[sent:])
                    sent = len(header)
                if sent - len(header) < len(text):
                    self._sock.sendall(text[sent - len(header):])
            except OSError:
                self.closed = True
                return False
        return True

    def send_event(self, event, body=None):
        message = {"type": "event", "event": event}
        if body is not None:
            message["body"] = body
        return self.send(message)

    def respond(self, request, body=None):
        return self.send({
            "type": "response",
            "request_seq": request.get("seq"),
            "command": request.get("command"),
            "success": True,
            "body": {} if body is None else body,
        })

    def respond_error(self, request, text, error_id=REQUEST_FAILED):
        return self.send(_error_response(request.get("seq"), request.get("command"), text, error_id))

    def receive(self):
        """The next message: a dict, an Unreadable, or None when the connection has
        ended (the adapter went away, or the framing broke: see the module doc)."""
        try:
            body = self._next_body()
        except FramingError as exc:
            warn("ending the connection to the adapter", exc)
            self.close()
            return None
        if body is None:
            self.closed = True
            return None
        message = _decode(body)
        path_map = self.path_map
        if path_map and isinstance(message, dict) and message.get("type") == "request":
            path_map.incoming(message)
        return message

    def winding_down(self):
        """Has the adapter closed this connection, or sent what the reader has not
        taken yet? (A live, idle connection has neither.)"""
        if self.closed or self._buffer:
            return True
        try:
            return self._sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) is not None
        except BlockingIOError:
            return False
        except OSError:
            return True

    def close(self):
        """End the connection: a reader blocked in recv wakes (shutdown), and the
        socket is released."""
        with self._send_lock:
            self.closed = True
        for end in (lambda: self._sock.shutdown(socket.SHUT_RDWR), self._sock.close):
            try:
                end()
            except OSError:
                pass

    def abandon(self):
        """In a forked child, whose copy of the connection is its parent's: close this
        process's descriptor only (a shutdown would end the parent's connection too).
        The send lock may have been held by a thread the fork did not copy."""
        self._send_lock = threading.Lock()
        self.closed = True
        try:
            self._sock.close()
        except OSError:
            pass

    def _next_body(self):
        """The next frame's body (bytes), or None at the end of the stream."""
        while True:
            header_end = self._buffer.find(b"\r\n\r\n")
            if header_end < 0 and len(self._buffer) > _HEADER_LIMIT:
                raise FramingError("a header of more than %d bytes without the blank line that ends it" % _HEADER_LIMIT)
            if header_end >= 0:
                length = _content_length(bytes(self._buffer[:header_end]))
                start = header_end + 4
                if len(self._buffer) >= start + length:
                    body = bytes(self._buffer[start:start + length])
                    del self._buffer[:start + length]
                    log.message("in", body)
                    return body
            try:
                chunk = self._sock.recv(1 << 20)
            except OSError:
                chunk = b""
            if not chunk:
                return None
            self._buffer += chunk


def _host_bytes(host):
    """host as getaddrinfo takes it fastest: given a str, it encodes it with the idna
    codec, whose first use imports encodings.idna, stringprep and unicodedata (a few
    milliseconds of every start). An ASCII name or address needs none of that."""
    try:
        return host.encode("ascii")
    except UnicodeEncodeError:
        return host


def _content_length(header):
    """The Content-Length of a header block; raises FramingError without a usable one."""
    length = None
    for line in header.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            text = value.strip()
            if not text.isdigit() or int(text) > _BODY_LIMIT:
                raise FramingError("a Content-Length that is not a length (0 to %d): %r" % (_BODY_LIMIT, text[:40]))
            length = int(text)
    if length is None:
        raise FramingError("a header block without Content-Length: %r" % header[:80])
    return length


def _decode(body):
    """A dict, or an Unreadable saying what is wrong with body."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = "the message is not valid UTF-8 (byte 0x%02x at offset %d)" % (body[exc.start], exc.start)
        return Unreadable(reason, _lenient(body.decode("utf-8", "replace")))
    try:
        message = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return Unreadable("the message is not JSON: %s" % exc)
    if not isinstance(message, dict):
        return Unreadable("the message is not a JSON object but %s" % type(message).__name__)
    return message


def _lenient(text):
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return message if isinstance(message, dict) else None


def _encode(message):
    """message as JSON, in UTF-8. A response whose body cannot be encoded (a value no
    handler should have put there) becomes an error response, so it is still answered."""
    try:
        return json.dumps(message).encode("utf-8")
    except (TypeError, ValueError, RecursionError) as exc:
        if message.get("type") != "response":
            warn("dropping a message that cannot be encoded", exc)
            message = {"type": "event", "event": "output", "seq": message.get("seq"),
                       "body": {"category": "important", "output": "dapper: an event could not be encoded\n"}}
        else:
            message = _error_response(message.get("request_seq"), message.get("command"),
                                      "the response could not be encoded: %s" % exc, REQUEST_FAILED)
            message["seq"] = message.get("seq")
        return json.dumps(message).encode("utf-8")


def _error_response(request_seq, command, text, error_id):
    return {
        "type": "response",
        "request_seq": request_seq,
        "command": command,
        "success": False,
        "message": text,
        "body": {"error": {"id": error_id, "format": text, "showUser": True}},
    }
