"""DAP framing over a socket: one lock-guarded send per message, a blocking reader.
Paths in what crosses it are mapped when the client asked for pathMappings (pathmap)."""

import json
import socket
import threading

from . import log
from ..errors import REQUEST_FAILED


class Channel:
    """A DAP connection to the adapter. send() may be called from any thread."""

    def __init__(self, sock):
        self._sock = sock
        self._send_lock = threading.Lock()
        self._seq = 0
        self._buffer = b""
        self.closed = False
        self.path_map = None  # a pathmap.PathMap, while the client's request has one

    @classmethod
    def connect(cls, address, timeout=None):
        host, _, port = address.rpartition(":")
        sock = socket.create_connection((host.strip("[]"), int(port)), timeout)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return cls(sock)

    def close(self):
        with self._send_lock:
            self.closed = True
            try:
                self._sock.close()
            except OSError:
                pass

    def send(self, message):
        path_map = self.path_map
        if path_map:
            message = path_map.outgoing(message)
        with self._send_lock:
            if self.closed:
                return False
            self._seq += 1
            message["seq"] = self._seq
            body = json.dumps(message).encode("utf-8")
            log.message("out", body)
            data = b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
            try:
                self._sock.sendall(data)
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
            "request_seq": request["seq"],
            "command": request["command"],
            "success": True,
            "body": {} if body is None else body,
        })

    def respond_error(self, request, text, error_id=REQUEST_FAILED):
        return self.send({
            "type": "response",
            "request_seq": request["seq"],
            "command": request["command"],
            "success": False,
            "message": text,
            "body": {"error": {"id": error_id, "format": text, "showUser": True}},
        })

    def receive(self):
        """The next message, or None when the adapter has gone."""
        while True:
            header_end = self._buffer.find(b"\r\n\r\n")
            if header_end >= 0:
                length = None
                for line in self._buffer[:header_end].split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                start = header_end + 4
                if length is not None and len(self._buffer) >= start + length:
                    body = self._buffer[start:start + length]
                    self._buffer = self._buffer[start + length:]
                    log.message("in", body)
                    message = json.loads(body.decode("utf-8"))
                    path_map = self.path_map
                    if path_map and isinstance(message, dict) and message.get("type") == "request":
                        path_map.incoming(message)
                    return message
            try:
                chunk = self._sock.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                self.closed = True
                return None
            self._buffer += chunk
