package adapter

import (
	"log/slog"
	"sync/atomic"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/logging"
)

// The adapter's log (see internal/logging): every DAP message in and out of each
// connection, at debug level, and the lifecycle decisions, at info level. Off unless
// SetLog is called.
var (
	logger      = logging.Discard
	logDir      string
	sessionSeen atomic.Int64
)

// SetLog makes every session from now on log to l, and tells the programs it starts
// to log into dir (their agents write files of their own there). Call it before
// serving.
func SetLog(l *slog.Logger, dir string) {
	logger, logDir = l, dir
}

// tapConn logs every message of conn, tagged with the session and the peer.
func tapConn(conn *dap.Conn, log *slog.Logger, peer string) {
	if logDir == "" {
		return
	}
	conn.SetTap(func(out bool, body []byte) {
		dir := "in"
		if out {
			dir = "out"
		}
		log.Debug("dap", "peer", peer, "dir", dir, "message", string(body))
	})
}

// newSessionLog is the logger of one session.
func newSessionLog() *slog.Logger {
	return logger.With("session", sessionSeen.Add(1))
}

// programLogEnv is what the programs a session starts get in their environment so
// that their agents log too.
func (s *Session) programLogEnv() map[string]string {
	if logDir == "" {
		return nil
	}
	return map[string]string{logging.EnvDir: logDir}
}
