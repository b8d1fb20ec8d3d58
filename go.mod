module github.com/dapper-debugger/dapper

go 1.26.8

require (
	github.com/creack/pty v1.1.24
	github.com/google/go-dap v0.12.0
	golang.org/x/sys v0.49.0
	golang.org/x/term v0.47.0
)
