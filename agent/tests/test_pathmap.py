"""pathMappings: paths crossing the wire, mapped between the client's files and the
program's."""

import unittest

from dapper_agent.transport.pathmap import PathMap


class PathMapTests(unittest.TestCase):
    def test_a_path_under_a_root_maps_both_ways(self):
        m = PathMap([{"localRoot": "/home/me/proj", "remoteRoot": "/app"}])
        self.assertEqual(m.to_remote("/home/me/proj/pkg/mod.py"), "/app/pkg/mod.py")
        self.assertEqual(m.to_local("/app/pkg/mod.py"), "/home/me/proj/pkg/mod.py")

    def test_the_longest_matching_root_wins(self):
        m = PathMap([{"localRoot": "/src", "remoteRoot": "/app"},
                     {"localRoot": "/vendor/lib", "remoteRoot": "/app/lib"}])
        self.assertEqual(m.to_local("/app/lib/x.py"), "/vendor/lib/x.py")
        self.assertEqual(m.to_local("/app/main.py"), "/src/main.py")
        self.assertEqual(m.to_remote("/vendor/lib/x.py"), "/app/lib/x.py")

    def test_a_root_matches_at_a_separator_only(self):
        m = PathMap([{"localRoot": "/src", "remoteRoot": "/app"}])
        self.assertEqual(m.to_local("/application/x.py"), "/application/x.py")
        self.assertEqual(m.to_local("/app"), "/src")

    def test_a_windows_client_and_a_posix_program(self):
        m = PathMap([{"localRoot": "C:\\Users\\me\\proj", "remoteRoot": "/app/"}])
        self.assertEqual(m.to_remote("c:\\users\\me\\proj\\pkg\\mod.py"), "/app/pkg/mod.py")
        self.assertEqual(m.to_remote("C:/Users/me/proj/pkg/mod.py"), "/app/pkg/mod.py")
        self.assertEqual(m.to_local("/app/pkg/mod.py"), "C:\\Users\\me\\proj\\pkg\\mod.py")

    def test_a_posix_client_and_a_windows_program(self):
        m = PathMap([{"localRoot": "/home/me/proj", "remoteRoot": "D:\\srv"}])
        self.assertEqual(m.to_remote("/home/me/proj/a/b.py"), "D:\\srv\\a\\b.py")
        self.assertEqual(m.to_local("d:\\SRV\\a\\b.py"), "/home/me/proj/a/b.py")

    def test_unmatched_paths_and_bad_entries_pass_through(self):
        m = PathMap([{"localRoot": "/src", "remoteRoot": "/app"}, {"localRoot": 3}, "x", {}])
        self.assertEqual(m.to_local("/usr/lib/python3/os.py"), "/usr/lib/python3/os.py")
        self.assertFalse(PathMap(None))
        self.assertFalse(PathMap([{"localRoot": "", "remoteRoot": "/app"}]))

    def test_incoming_requests_name_the_program_files(self):
        m = PathMap([{"localRoot": "/src", "remoteRoot": "/app"}])
        request = {"type": "request", "command": "setBreakpoints",
                   "arguments": {"source": {"path": "/src/main.py"}, "breakpoints": [{"line": 3}]}}
        m.incoming(request)
        self.assertEqual(request["arguments"]["source"]["path"], "/app/main.py")
        evaluate = {"type": "request", "command": "evaluate", "arguments": {"expression": "'/src/x'"}}
        m.incoming(evaluate)
        self.assertEqual(evaluate["arguments"]["expression"], "'/src/x'")

    def test_outgoing_messages_name_the_client_files_and_leave_the_agent_objects_alone(self):
        m = PathMap([{"localRoot": "/src", "remoteRoot": "/app"}])
        source = {"name": "main.py", "path": "/app/main.py"}
        event = {"type": "event", "event": "breakpoint", "body": {"breakpoint": {"id": 1, "source": source}}}
        out = m.outgoing(event)
        self.assertEqual(out["body"]["breakpoint"]["source"]["path"], "/src/main.py")
        self.assertEqual(source["path"], "/app/main.py")
        trace = {"type": "response", "command": "stackTrace",
                 "body": {"stackFrames": [{"id": 1, "source": {"path": "/app/a.py"}, "line": 2}]}}
        self.assertEqual(m.outgoing(trace)["body"]["stackFrames"][0]["source"]["path"], "/src/a.py")
        info = {"type": "response", "command": "exceptionInfo", "body": {"details": {
            "stackTrace": 'Traceback (most recent call last):\n  File "/app/a.py", line 2, in <module>\n'}}}
        self.assertIn('File "/src/a.py", line 2', m.outgoing(info)["body"]["details"]["stackTrace"])
        variables = {"type": "response", "command": "variables", "body": {"variables": [{"path": "/app/x"}]}}
        self.assertIs(m.outgoing(variables), variables)


if __name__ == "__main__":
    unittest.main()
