// Package inject runs a string of Python code inside a CPython 3.9 to 3.13 process
// that was started without any debugger, with no gdb: it is how attach by process id
// gets the agent in. The package owns ptrace, the ELF symbol lookup and the call into
// the target's interpreter; its one entry point is Run(pid, code, timeout).
//
// It is a room of its own because nothing else in dapper works like it: it acts on
// another process's threads and memory, it is tied to an OS and an instruction set
// (the ptrace code is linux/amd64, other platforms get a stub that says so), it blocks
// one OS thread for its whole run — the kernel ties a tracee to the thread that
// traces it — and a mistake in it harms the user's program, not ours. Keeping it apart
// keeps unsafe and ptrace out of the session loop, and lets it be tested alone.
//
// # How
//
//  1. Find the interpreter: libpython3.X.so if /proc/PID/maps shows one, else the
//     executable (Debian's python3 links libpython statically). Its ELF symbols
//     (.dynsym, then .symtab) give Py_AddPendingCall, PyRun_SimpleString and
//     Py_IsInitialized; the mapping of file offset 0 gives the load base (0 for a
//     fixed-address executable). The version comes from Py_Version (3.11+) or from
//     which functions exist (Py_IsNone: 3.10, PyFrame_GetCode: 3.9).
//  2. Stop the main thread only (PTRACE_SEIZE, PTRACE_INTERRUPT); the others run on.
//     Save its registers (PTRACE_GETREGS) and its XSAVE area (PTRACE_GETREGSET,
//     NT_X86_XSTATE) at exactly the length the kernel reports, which is the only
//     length PTRACE_SETREGSET accepts back.
//  3. Call Py_IsInitialized() in the target, then map a page for the code with an
//     mmap syscall, single-stepped on a syscall instruction (the one the thread was
//     stopped in, or one found in the vDSO), and write the code there.
//  4. Call Py_AddPendingCall(PyRun_SimpleString, page). A call: arguments in rdi, rsi;
//     rsp below the 128-byte red zone, aligned as after a call instruction; a return
//     address of 0, whose fault is the stop that ends the call (it is never
//     delivered); orig_rax -1, so that the kernel does not restart an interrupted
//     syscall into the call.
//  5. Restore every register and the XSAVE area, raise again any signal that arrived
//     meanwhile, detach. An interrupted syscall restarts as if nothing had happened.
//
// # Why it is safe
//
// No Python runs at the instruction where the thread was stopped. Py_AddPendingCall
// is meant for signal handlers: it needs neither the GIL nor a thread state and takes
// only the pending-calls lock, so calling it on a thread stopped anywhere is what a
// signal handler does. The main thread then runs the code at its next bytecode
// boundary, holding the GIL: a real safe point. It must be the main thread: on 3.9 to
// 3.11 Py_AddPendingCall raises the eval breaker only when called on the main thread,
// and pending calls run only there. The code runs in a namespace of its own; its
// exceptions are printed on the target's stderr and never reach the program.
//
// # When the code runs
//
// At the main thread's next bytecode. A main thread blocked in a lock —
// lock.acquire(), Thread.join(), Event.wait(), queue.get() — is woken: its futex
// wait ends with EINTR, on which CPython runs pending calls and waits again. A main
// thread blocked in another syscall runs the code only when that returns: time.sleep,
// select, selectors and an idle asyncio loop (epoll_wait), input() or a blocking read
// retry on EINTR without running pending calls (PEP 475). Servers mostly wake often
// (runserver's reloader, gunicorn's arbiter, serve_forever's poll interval); a program
// in time.sleep(1000) takes the code when the sleep ends. Run returns once the call is
// queued, so the caller confirms by the code's effect, with its own deadline.
//
// # What stays behind, and what is refused
//
// Each injection leaves its page mapped (the code runs after Run returns). Refused
// with a typed *Error: a process that does not exist or has exited, one that is
// stopped or already traced, ptrace not permitted (the error names Yama's
// ptrace_scope, CAP_SYS_PTRACE and the uids), a main thread that blocks or ignores
// SIGSEGV or runs on a CET shadow stack, no interpreter or a stripped one,
// CPython older than 3.9, and 3.14 and newer: there PEP 768's sys.remote_exec(pid,
// script) is the supported way in, and checkVersion is where that path belongs.
// Every wait has a deadline; a call that does not come back is stopped again and its
// thread restored. If dapper itself dies mid-injection the kernel detaches the target
// with our registers in it: that window lasts milliseconds.
//
// Future work: arm64 (PTRACE_GETREGSET NT_PRSTATUS and NT_FPREGSET, svc #0, the
// return address in x30); shadow stacks (push the return address there too, through
// NT_X86_SHSTK); waking a main thread blocked in sleep or select.
package inject
