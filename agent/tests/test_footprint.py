"""What starting the agent costs the program: modules it need not load before the
first request."""

import os
import subprocess
import sys
import unittest


class FootprintTests(unittest.TestCase):
    def test_the_agent_starts_without_inspect(self):
        # inspect (with tokenize, and more on 3.13) costs every debugged program
        # milliseconds of its start; the agent uses only code flags (frames.CO_*).
        code = "import sys, dapper_agent.agent; print('inspect' in sys.modules)"
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        out = subprocess.run([sys.executable, "-c", code], cwd=here, capture_output=True, text=True, timeout=60)
        self.assertEqual((out.stdout.strip(), out.stderr), ("False", ""))


if __name__ == "__main__":
    unittest.main()
