"""Coming into a program that runs on its own: the public API (`import dapper`, in
api), and the DAP server that dapper.listen() starts for a program Dapper did not
start (server). How the agent gets in by other ways: `dapper run` through the start-up
hook, attach by process id through dapper_agent.attach, which the adapter injects."""
