"""What ends the program when its adapter has gone: a launch that was not let go, in a
process group of its own."""

import os
import subprocess
import sys
import unittest
from unittest import mock

from dapper_agent import lifetime
from dapper_agent.lifetime import Lifetime


def request(command, arguments=None):
    message = {"type": "request", "seq": 1, "command": command}
    if arguments is not None:
        message["arguments"] = arguments
    return message


class LifetimeTests(unittest.TestCase):
    def ends_program(self, *requests):
        life = Lifetime()
        for r in requests:
            life.note(r)
        with mock.patch.object(lifetime, "end_program") as end:
            life.adapter_gone()
        return end.called

    def test_a_launched_program_ends_with_its_adapter(self):
        self.assertTrue(self.ends_program(request("initialize"), request("launch", {})))

    def test_a_program_told_to_end_ends_even_if_the_adapter_dies_first(self):
        self.assertTrue(self.ends_program(request("launch"), request("disconnect", {"terminateDebuggee": True})))
        self.assertTrue(self.ends_program(request("launch"), request("disconnect")))

    def test_a_program_let_go_runs_on(self):
        self.assertFalse(self.ends_program(request("launch"), request("disconnect", {"terminateDebuggee": False})))

    def test_an_attached_program_runs_on(self):
        self.assertFalse(self.ends_program(request("attach", {})))

    def test_a_process_never_taken_as_the_program_runs_on(self):
        self.assertFalse(self.ends_program())

    def test_malformed_arguments_do_not_let_the_program_go(self):
        self.assertTrue(self.ends_program(request("launch"), request("disconnect", ["terminateDebuggee"])))


class GroupTests(unittest.TestCase):
    """_owns_group, asked in a child started as the adapter starts programs (a group of
    its own), under a wrapper that runs the interpreter as its child, or as a session
    leader (a terminal's shell) would be."""

    PROBE = "from dapper_agent import lifetime; import os; print(lifetime._owns_group(os.getpgrp()))"
    WRAPPER = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"

    def owns_group(self, wrapped=False, **popen):
        argv = [sys.executable, "-c", self.PROBE]
        if wrapped:
            argv = [sys.executable, "-c", self.WRAPPER] + argv
        here = os.path.dirname(os.path.dirname(os.path.abspath(lifetime.__file__)))
        out = subprocess.run(argv, cwd=here, capture_output=True, text=True, check=True, **popen)
        return out.stdout.strip()

    def test_a_group_the_process_leads_is_its_own(self):
        self.assertEqual(self.owns_group(preexec_fn=os.setpgrp), "True")

    def test_a_group_led_by_a_wrapper_is_the_programs_own(self):
        self.assertEqual(self.owns_group(wrapped=True, preexec_fn=os.setpgrp), "True")

    def test_the_group_of_a_session_leader_is_not(self):
        self.assertEqual(self.owns_group(start_new_session=True), "False")


class AncestorTests(unittest.TestCase):
    def test_the_chain_starts_at_the_parent_and_ends_before_init(self):
        chain = lifetime.ancestors()
        self.assertEqual(chain[0], os.getppid())
        self.assertNotIn(1, chain)
        self.assertNotIn(os.getpid(), chain)

    def test_a_wrapped_interpreter_names_the_wrapper(self):
        probe = "from dapper_agent import lifetime; print(lifetime.ancestors()[1])"
        here = os.path.dirname(os.path.dirname(os.path.abspath(lifetime.__file__)))
        out = subprocess.run([sys.executable, "-c", GroupTests.WRAPPER, sys.executable, "-c", probe],
                             cwd=here, capture_output=True, text=True, check=True)
        self.assertEqual(out.stdout.strip(), str(os.getpid()))


    def test_descendants_include_a_child_in_a_session_of_its_own(self):
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True)
        self.addCleanup(child.wait)
        self.addCleanup(child.kill)
        self.assertIn(child.pid, lifetime._descendants(os.getpid()))


if __name__ == "__main__":
    unittest.main()
