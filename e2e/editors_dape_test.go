package e2e

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dapper-debugger/dapper/internal/daptest"
)

// dapeHarness loads the README's Lisp in Emacs with a stand-in for dape (not
// installable here: it needs Emacs 29), then reads each of dape-configs as dape does:
// the keyword entries are the request's arguments, a symbol naming a function is
// called for its value (dape-buffer-default, dape-cwd), the rest (command,
// command-args, host, port) say how to reach the adapter. It writes them as JSON.
const dapeHarness = `
(require 'json)
(defvar dape-configs nil)
(defun dape-buffer-default () (getenv "PROGRAM"))
(defun dape-cwd () (getenv "CWD"))
(provide 'dape) ; first: with-eval-after-load then runs at once
(load (getenv "SNIPPET") nil t)
(let (out)
  (dolist (entry dape-configs)
    (let ((plist (cdr entry)) arguments adapter)
      (while plist
        (let ((key (car plist)) (value (cadr plist)))
          (when (and (symbolp value) value (not (eq value t)) (fboundp value))
            (setq value (funcall value)))
          (if (keywordp key)
              (push (cons (substring (symbol-name key) 1) value) arguments)
            (push (cons (symbol-name key) value) adapter)))
        (setq plist (cddr plist)))
      (push (list (cons "name" (symbol-name (car entry)))
                  (cons "arguments" (nreverse arguments))
                  (cons "adapter" (nreverse adapter)))
            out)))
  (with-temp-file (getenv "OUT") (insert (json-encode (nreverse out)))))
`

// dapeConfig is one of dape-configs as dape would run it.
type dapeConfig struct {
	Name      string
	Arguments map[string]any
	Adapter   struct {
		Modes       []string
		Command     string
		CommandArgs []string `json:"command-args"`
		Host        string
		Port        int
	}
}

func dapeConfigs(t *testing.T) []dapeConfig {
	t.Helper()
	var configs []dapeConfig
	runHarness(t, readmeBlock(t, "**Emacs**", "elisp"), dapeHarness,
		[]string{"PROGRAM=" + editorProgram, "CWD=" + filepath.Dir(editorProgram)}, &configs,
		daptest.Tool(t, "emacs"), "--batch", "-Q", "-l", "HARNESS")
	slices.Reverse(configs) // add-to-list puts each in front: the README's order
	return configs
}

func TestDapeBlockLaunchesAndAttachesWithDapper(t *testing.T) {
	configs := dapeConfigs(t)
	if len(configs) != 2 || configs[0].Name != "dapper" || configs[1].Name != "dapper-attach" {
		t.Fatalf("dape-configs: %+v", configs)
	}
	launch, attach := configs[0], configs[1]
	if a := launch.Adapter; a.Command != "dapper" || !slices.Equal(a.CommandArgs, []string{"adapter"}) || a.Port != 0 ||
		!slices.Equal(a.Modes, []string{"python-mode", "python-ts-mode"}) {
		t.Fatalf("dapper runs %+v, want dapper adapter on stdio in Python buffers", a)
	}
	if a := attach.Adapter; a.Command != "" || a.Host != "127.0.0.1" || a.Port != 5678 {
		t.Fatalf("dapper-attach reaches %+v, want 127.0.0.1:5678 (dapper run --listen 5678)", a)
	}
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		t.Run("launch", func(t *testing.T) {
			replayLaunch(t, daptest.StartEditor(t, daptest.Editor{RunInTerminal: true}), "dape", withPython(launch.Arguments, py))
		})
		t.Run("attach", func(t *testing.T) {
			run, port, stop := listeningPort(t, py)
			replayAttach(t, daptest.Connect(t, fmt.Sprintf("%s:%s", attach.Adapter.Host, port)), "dape", attach.Arguments, run, stop)
		})
	})
}
