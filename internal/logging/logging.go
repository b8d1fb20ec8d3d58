// Package logging writes Dapper's diagnostic logs, which users attach to bug reports:
// with a log directory (the --log-dir flag, else DAPPER_LOG_DIR), each process writes
// one file there, named by its role and pid (dapper-adapter-1234.log; the agents
// write dapper-agent-<pid>.log themselves), holding every DAP message in and out and
// the session's lifecycle decisions. Without one, nothing is logged.
package logging

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// EnvDir names the environment variable that sets the log directory when no flag
// does; the adapter passes it on to the programs it starts, so that their agents log
// too.
const EnvDir = "DAPPER_LOG_DIR"

// Discard is a logger that writes nothing.
var Discard = slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelError + 1}))

// Dir is the log directory asked for: flagValue if set, else $DAPPER_LOG_DIR, else "".
func Dir(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return os.Getenv(EnvDir)
}

// Open starts this process's log file in dir, for role ("adapter", "debug", "run"):
// dir/dapper-<role>-<pid>.log, created with the directory if need be. The logger
// writes every level; close flushes and closes the file.
func Open(dir, role string) (logger *slog.Logger, path string, close func(), err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", nil, fmt.Errorf("log directory %q: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, "", nil, fmt.Errorf("log directory: %w", err)
	}
	path = filepath.Join(abs, fmt.Sprintf("dapper-%s-%d.log", role, os.Getpid()))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, "", nil, fmt.Errorf("log file: %w", err)
	}
	logger = slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
	logger.Info("dapper log started", "role", role, "pid", os.Getpid(), "args", os.Args, "time", time.Now().Format(time.RFC3339))
	return logger, path, func() { _ = f.Close() }, nil
}
