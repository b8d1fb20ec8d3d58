"""The debugger's answer to "stop here?" at a line breakpoint: conditions, hit
conditions and logpoints decide, and a condition that fails stops and says why."""

import os
import shutil
import tempfile
import unittest

from dapper_agent.debugger import Debugger
from dapper_agent.handles import Handles
from support import RecordingChannel

PROGRAM = """\
import sys
def probe(x):
    return sys._getframe()
"""
LINE = 3  # the line probe's frame is at


class LineBreakpointTests(unittest.TestCase):
    def setUp(self):
        directory = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, directory)
        self.path = os.path.join(directory, "program.py")
        with open(self.path, "w") as f:
            f.write(PROGRAM)
        self.channel = RecordingChannel()
        self.debugger = Debugger(self.channel, Handles())
        self.debugger.configure({"program": self.path, "cwd": directory})
        self.stops = []
        self.debugger.suspension.stop = lambda frame, reason, details, *rest: self.stops.append((reason, details))
        scope = {}
        exec(compile(PROGRAM, self.path, "exec"), scope)
        self.probe = scope["probe"]

    def set_breakpoint(self, **options):
        [bp] = self.debugger.set_breakpoints(self.path, [dict(line=LINE, **options)], {"path": self.path})
        self.assertTrue(bp.verified, bp.message)
        return bp

    def reach(self, x=5):
        return self.debugger.on_line(self.probe(x), LINE)

    def test_a_breakpoint_stops_with_its_id(self):
        bp = self.set_breakpoint()
        self.assertTrue(self.reach())
        self.assertEqual(self.stops, [("breakpoint", {"hitBreakpointIds": [bp.id]})])

    def test_a_line_without_a_breakpoint_is_not_wanted(self):
        self.assertFalse(self.reach())
        self.assertEqual(self.stops, [])

    def test_a_false_condition_runs_on(self):
        self.set_breakpoint(condition="x > 10")
        self.assertTrue(self.reach(x=5))
        self.assertEqual(self.stops, [])
        self.reach(x=11)
        self.assertEqual([reason for reason, _ in self.stops], ["breakpoint"])

    def test_condition_error_reports_and_stops(self):
        bp = self.set_breakpoint(condition="undefined_name > 1")
        self.reach()
        problem = "condition 'undefined_name > 1' raised NameError: name 'undefined_name' is not defined"
        self.assertEqual(self.stops, [("breakpoint", {"hitBreakpointIds": [bp.id], "description": problem})])
        [report] = self.channel.bodies("output")
        self.assertEqual(report["category"], "important")
        self.assertEqual(report["output"], problem + ": stopped here\n")
        self.assertEqual((report["source"]["path"], report["line"]), (self.path, LINE))

    def test_a_hit_condition_stops_on_the_hits_it_names(self):
        self.set_breakpoint(hitCondition="%2")
        for _ in range(5):
            self.reach()
        self.assertEqual(len(self.stops), 2)

    def test_a_logpoint_logs_at_its_line_and_runs_on(self):
        self.set_breakpoint(logMessage="x is {x}")
        self.assertTrue(self.reach(x=7))
        self.assertEqual(self.stops, [])
        [log] = self.channel.bodies("output")
        self.assertEqual((log["category"], log["output"], log["line"]), ("console", "x is 7\n", LINE))

    def test_a_breakpoint_in_library_code_is_refused_under_just_my_code(self):
        [bp] = self.debugger.set_breakpoints(os.__file__, [{"line": 1}], {"path": os.__file__})
        self.assertFalse(bp.verified)
        self.assertIn("justMyCode is on", bp.message)


if __name__ == "__main__":
    unittest.main()
