"""Choosing the tracing backend. Both offer install(), uninstall() and refresh(); they
deliver events to the Debugger and decide nothing themselves."""

import sys


def choose(debugger):
    if sys.version_info >= (3, 12):
        from .backend_monitoring import MonitoringBackend

        return MonitoringBackend(debugger)
    from .backend_settrace import SettraceBackend

    return SettraceBackend(debugger)
