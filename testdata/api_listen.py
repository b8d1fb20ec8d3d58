# The in-code API from a program Dapper did not start: python api_listen.py, with the
# agent's directory (dapper agent-path) on PYTHONPATH.
import dapper

host, port = dapper.listen(0)
print("listening on %s:%d" % (host, port), flush=True)
print("connected before a client:", dapper.is_client_connected(), flush=True)
dapper.wait_for_client()
print("connected after wait_for_client:", dapper.is_client_connected(), flush=True)
answer = 41
dapper.breakpoint()  # @api-stop
answer += 1
print("answer", answer, flush=True)
