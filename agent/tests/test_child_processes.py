"""What the agent knows of the process it runs in, for its child session (its name,
multiprocessing's helpers), and what it reports of the children its program reaps."""

import os
import subprocess
import sys
import unittest
from unittest import mock

from dapper_agent.processes import children, identity

PY = "/usr/bin/python3"


class IdentityTests(unittest.TestCase):
    def test_a_script_is_named_by_its_file(self):
        self.assertEqual(identity.program_name([PY, "-X", "dev", "-u", "/srv/app/worker.py", "-v"]), "worker.py")

    def test_a_module_by_its_name(self):
        self.assertEqual(identity.program_name([PY, "-m", "celery", "worker"]), "celery")
        self.assertEqual(identity.program_name([PY, "-mhttp.server"]), "http.server")

    def test_code_by_its_first_line_and_multiprocessing_workers_as_such(self):
        self.assertEqual(identity.program_name([PY, "-c", "import x\nx.run()"]), "-c import x")
        spawned = [PY, "-c", "from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5, pipe_handle=7)",
                   "--multiprocessing-fork"]
        self.assertEqual(identity.program_name(spawned), "multiprocessing worker")
        forkserver = [PY, "-c", "from multiprocessing.forkserver import main; main(4, 5, ['__main__'], **{})"]
        self.assertEqual(identity.program_name(forkserver), "multiprocessing worker")  # a fork of it is a worker

    def test_long_code_is_cut(self):
        name = identity.program_name([PY, "-c", "x = " + "1 + " * 40 + "1"])
        self.assertEqual(len(name), len("-c ") + 60)
        self.assertTrue(name.endswith("…"))

    def test_multiprocessing_helpers_are_known_and_nothing_else_is_one(self):
        tracker = [PY, "-c", "from multiprocessing.resource_tracker import main;main(6)"]
        self.assertEqual(identity.helper(tracker), identity.RESOURCE_TRACKER)
        forkserver = [PY, "-B", "-c", "from multiprocessing.forkserver import main; main(4, 5, [], **{})"]
        self.assertEqual(identity.helper(forkserver), identity.FORKSERVER)
        self.assertIsNone(identity.helper([PY, "app.py", "-c", "from multiprocessing.forkserver import main"]))
        self.assertIsNone(identity.helper([PY, "-c", "print(1)"]))

    def test_this_process_has_a_command_line(self):
        self.assertTrue(identity.command_line())


class ReapedChildTests(unittest.TestCase):
    """A wait of the program that returns a child's end reports it, once, with the exit
    code subprocess would give (minus the signal for a child a signal ended)."""

    def reports(self, run):
        sent = []
        agent = mock.Mock()
        agent.channel.send_event = lambda event, body: sent.append((event, body))
        with mock.patch("dapper_agent.current", return_value=agent):
            result = run()
        return result, sent

    def child(self, code):
        return subprocess.Popen([sys.executable, "-c", code])

    def test_waitpid_reports_the_exit_code(self):
        proc = self.child("import sys; sys.exit(4)")
        wait = children._reporting(os.waitpid, children._wait_status)
        (pid, status), sent = self.reports(lambda: wait(proc.pid, 0))
        self.assertEqual(pid, proc.pid)
        self.assertEqual(sent, [("dapper/childExited", {"pid": proc.pid, "exitCode": 4})])
        proc.returncode = 4  # reaped here

    def test_a_signal_is_minus_its_number(self):
        proc = self.child("import os, signal; os.kill(os.getpid(), signal.SIGTERM)")
        wait = children._reporting(os.waitpid, children._wait_status)
        _, sent = self.reports(lambda: wait(proc.pid, 0))
        self.assertEqual(sent, [("dapper/childExited", {"pid": proc.pid, "exitCode": -15})])
        proc.returncode = -15

    def test_a_wait_that_finds_nothing_reports_nothing(self):
        proc = self.child("import time; time.sleep(30)")
        self.addCleanup(proc.wait)
        self.addCleanup(proc.kill)
        wait = children._reporting(os.waitpid, children._wait_status)
        (pid, _), sent = self.reports(lambda: wait(proc.pid, os.WNOHANG))
        self.assertEqual((pid, sent), (0, []))

    def test_waitid_reports_too(self):
        proc = self.child("import sys; sys.exit(9)")
        wait = children._reporting(os.waitid, children._waitid_status)
        info, sent = self.reports(lambda: wait(os.P_PID, proc.pid, os.WEXITED))
        self.assertEqual(info.si_status, 9)
        self.assertEqual(sent, [("dapper/childExited", {"pid": proc.pid, "exitCode": 9})])
        proc.returncode = 9

    def test_a_failing_report_never_fails_the_programs_wait(self):
        proc = self.child("pass")
        wait = children._reporting(os.waitpid, lambda result: 1 / 0)
        pid, _ = wait(proc.pid, 0)
        self.assertEqual(pid, proc.pid)
        proc.returncode = 0


class OfferTests(unittest.TestCase):
    def test_an_attached_programs_children_connect_where_it_did(self):
        env = {"PYTHONPATH": "/mine"}
        with mock.patch.dict(os.environ, env, clear=True), \
                mock.patch.object(children, "_endpoint", ("127.0.0.1:5678", "secret", True)):
            children.offer_to_children()
            self.assertEqual(os.environ["DAPPER_CONNECT"], "127.0.0.1:5678")
            self.assertEqual(os.environ["DAPPER_TOKEN"], "secret")
            self.assertEqual(os.environ["PYTHONPATH"].split(os.pathsep)[1], "/mine")

    def test_a_launched_programs_environment_is_left_as_it_is(self):
        env = {"DAPPER_ADDRESS": "127.0.0.1:1", "DAPPER_TOKEN": "t", "PYTHONPATH": "/agent"}
        with mock.patch.dict(os.environ, env, clear=True), \
                mock.patch.object(children, "_endpoint", ("127.0.0.1:1", "t", False)):
            children.offer_to_children()
            self.assertEqual(dict(os.environ), env)


if __name__ == "__main__":
    unittest.main()
