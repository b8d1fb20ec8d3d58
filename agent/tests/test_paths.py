"""Where code lives: canonical names, the user's code versus the standard library and
site-packages, the agent's own files, and where the program and its threads start."""

import os
import shutil
import sys
import tempfile
import threading
import unittest

import dapper_agent
from dapper_agent import launcher, paths
from dapper_agent.inspection.timebox import TimeBox


class CanonicalTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        self.program = os.path.join(self.dir, "program.py")
        with open(self.program, "w") as f:
            f.write("x = 1\n")

    def test_a_symlink_and_its_target_are_one_file(self):
        link = os.path.join(self.dir, "link.py")
        os.symlink(self.program, link)
        self.assertEqual(paths.canonical(link), paths.canonical(self.program))

    def test_a_relative_name_is_made_absolute(self):
        previous = os.getcwd()
        os.chdir(self.dir)
        self.addCleanup(os.chdir, previous)
        self.assertEqual(paths.canonical("program_not_cached_yet.py"),
                         os.path.join(paths.canonical(self.dir), "program_not_cached_yet.py"))

    def test_a_name_in_angle_brackets_is_not_a_path(self):
        for name in ("<string>", "<stdin>", "<frozen runpy>"):
            self.assertEqual(paths.canonical(name), name)


class UserCodeTests(unittest.TestCase):
    def test_a_file_of_the_program_is_user_code(self):
        directory = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, directory)
        self.assertTrue(paths.is_user_file(os.path.join(directory, "app.py")))

    def test_the_standard_library_is_not_user_code(self):
        self.assertFalse(paths.is_user_file(os.__file__))
        self.assertFalse(paths.is_user_file(threading.__file__))
        self.assertFalse(paths.is_user_file("<frozen importlib._bootstrap>"))

    def test_installed_packages_are_not_user_code(self):
        for where in ("site-packages", "dist-packages"):
            self.assertFalse(paths.is_user_file(os.path.join(os.sep, "opt", "venv", where, "lib_%s.py" % where[0])))

    def test_code_without_a_file_is_user_code_only_when_it_is_the_programs(self):
        self.assertTrue(paths.is_user_file("<stdin>"))
        self.assertFalse(paths.is_user_file("<dapper test code>"))
        paths.count_as_user("<dapper test code>")  # as for `python -c code`
        self.assertTrue(paths.is_user_file("<dapper test code>"))


class AgentFileTests(unittest.TestCase):
    def test_the_agents_modules_are_its_own_and_not_user_code(self):
        from dapper_agent.tracing.settrace import backend

        for filename in (paths.__file__, dapper_agent.__file__, backend.__file__):
            self.assertTrue(paths.is_agent_file(filename), filename)
            self.assertFalse(paths.is_user_file(filename), filename)

    def test_the_start_up_hook_and_the_bootstrap_are_the_agents(self):
        top = os.path.dirname(os.path.dirname(paths.__file__))
        for name in ("sitecustomize.py", "dapper_bootstrap.py"):
            self.assertTrue(paths.is_agent_file(os.path.join(top, name)), name)

    def test_the_agents_tests_are_not_agent_files(self):
        self.assertFalse(paths.is_agent_file(__file__))

    def test_code_the_agent_calls_runs_inside_the_agent(self):
        frame = TimeBox(5.0).call(sys._getframe)  # the frame of the agent's caller of sys._getframe
        self.assertTrue(paths.inside_agent(frame))
        self.assertFalse(paths.inside_agent(sys._getframe()))

    def test_the_launcher_hosts_the_program_and_is_not_inside_the_agent(self):
        self.assertTrue(paths.is_program_host(launcher.run.__code__))
        self.assertFalse(paths.is_program_host(TimeBox.call.__code__))


class ProgramStartTests(unittest.TestCase):
    def test_a_threads_target_is_where_that_thread_starts(self):
        seen = {}

        def callee():
            seen["callee"] = sys._getframe()

        def target():
            seen["target"] = sys._getframe()
            callee()
            seen["answers"] = (paths.is_outermost(seen["target"]), paths.is_outermost(seen["callee"]))

        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
        self.assertEqual(seen["answers"], (True, False))

    def test_runpy_and_threading_run_the_program_and_a_function_of_it_does_not(self):
        self.assertTrue(paths.is_program_runner(threading.Thread.run.__code__))
        self.assertTrue(paths.is_program_runner(launcher.run.__code__))
        self.assertFalse(paths.is_program_runner(sys._getframe().f_code))


if __name__ == "__main__":
    unittest.main()
