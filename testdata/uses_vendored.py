import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "vendored"))
import helper  # after the sys.path change


def mine():
    return 42  # @mine


print(helper.call(mine))
