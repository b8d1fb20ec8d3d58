"""The DAP request handlers, grouped as the requests are: each class serves the
requests named by its request_<command> methods, with the agent (agent.Agent) as
its way to the debugger, the threads, the handles and the connection."""

from .breakpoints import BreakpointRequests
from .chain import ExceptionChainRequests
from .execution import ExecutionRequests
from .hosting import HostingRequests
from .inspection import InspectionRequests
from .lifecycle import LifecycleRequests
from .modules import ModuleRequests
from .navigation import NavigationRequests

ROOMS = (LifecycleRequests, BreakpointRequests, ExecutionRequests, InspectionRequests, HostingRequests,
         NavigationRequests, ModuleRequests, ExceptionChainRequests)
