import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "vendored"))
import helper  # noqa: E402


def mine():
    return 42  # @mine


print(helper.call(mine))
