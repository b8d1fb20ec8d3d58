import json
import os
import socket

# Pretend to be an agent with a bad token: the adapter must close the connection.
sock = socket.create_connection(os.environ["DAPPER_ADDRESS"].rsplit(":", 1))
body = json.dumps({"seq": 1, "type": "event", "event": "dapper/hello",
                   "body": {"token": "wrong", "pid": os.getpid()}}).encode()
sock.sendall(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
sock.settimeout(15)
print("refused" if sock.recv(1) == b"" else "accepted")
