"""Breakpoints of every kind: lines, functions, exceptions, and the conditions,
hit conditions and log messages they carry."""
