// Package e2e holds the end-to-end scenarios: each drives the real dapper binary over
// real DAP framing against a real Python program, on every CPython found.
package e2e
