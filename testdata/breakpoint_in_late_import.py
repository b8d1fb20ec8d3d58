import sys
import os

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "imported"))


def main():
    import late_module  # imported only now, after the debugger is configured

    print(late_module.triple(4))


main()
