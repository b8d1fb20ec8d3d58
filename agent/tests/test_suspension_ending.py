"""Stopping the program (Suspension.terminate): the suspended threads leave by raising
where they stand, each once; with none suspended nothing changes. And the launch's
rules decide what is user code."""

import os
import threading
import unittest

from dapper_agent.handles import Handles
from dapper_agent.rules import Rules, module_of
from dapper_agent.suspension import Suspension
from support import RecordingChannel


def _suspension():
    return Suspension(RecordingChannel(), Handles(), lambda: None, lambda: None, lambda thread_id: None)


class TerminateTest(unittest.TestCase):
    def test_a_suspended_thread_raises_where_it_stands_once(self):
        suspension = _suspension()
        raised = []

        def stopped_thread():
            try:
                suspension.stop(None, "breakpoint")
            except SystemExit as exc:
                raised.append(exc)
            suspension.stop(None, "breakpoint")  # once given it, it stops no more
            raised.append("ran on")

        thread = threading.Thread(target=stopped_thread)
        thread.start()
        while not suspension.suspended:
            threading.Event().wait(0.001)
        self.assertTrue(suspension.terminate(lambda main: KeyboardInterrupt() if main else SystemExit(7)))
        thread.join(5)
        self.assertEqual(len(raised), 2)
        self.assertEqual(raised[0].code, 7)
        self.assertEqual(raised[1], "ran on")

    def test_with_no_thread_suspended_nothing_changes(self):
        suspension = _suspension()
        self.assertFalse(suspension.terminate(lambda main: SystemExit()))
        self.assertFalse(suspension.ending)
        suspension.stop(None, None)  # no all-stop: returns at once


class RulesTest(unittest.TestCase):
    def test_the_first_matching_rule_decides(self):
        rules = Rules([{"path": "lib/**/gen_*.py", "include": False}, {"path": "lib/**", "include": True}], "/proj")
        self.assertEqual(rules.decide("/proj/lib/a/b/gen_x.py"), (False, True))
        self.assertEqual(rules.decide("/proj/lib/a/x.py"), (True, True))
        self.assertEqual(rules.decide("/elsewhere/x.py"), (None, True))

    def test_a_module_rule_covers_its_submodules(self):
        here = os.path.realpath(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        rules = Rules([{"module": "dapper_agent", "include": False}], here)
        self.assertEqual(rules.decide(os.path.join(here, "dapper_agent", "rules.py"))[0], False)
        self.assertIsNone(rules.decide(os.path.join(here, "tests", "support.py"))[0])
        self.assertEqual(module_of(os.path.join(here, "dapper_agent", "inspection", "__init__.py")),
                         "dapper_agent.inspection")


if __name__ == "__main__":
    unittest.main()
