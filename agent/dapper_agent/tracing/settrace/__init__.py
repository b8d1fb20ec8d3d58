"""The sys.settrace backend (CPython up to 3.11) and the code only it needs: code
hooks that bring breakpoints to the code, and switching tracing in other threads."""
