package daptest

import "github.com/dapper-debugger/dapper/internal/dap"

// Message is a DAP message as the harness records it.
type Message = dap.Message
