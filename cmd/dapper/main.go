// Command dapper is a debugger for Python programs that speaks the Debug Adapter
// Protocol.
//
//	dapper adapter                 DAP on stdin/stdout (what an editor starts)
//	dapper adapter --port N        DAP over TCP; each connection is a session
//	dapper debug program.py        debug a program in the terminal, as with pdb
//	dapper run --listen 5678 app.py  run a program for editors to attach to
//	dapper agent-path              print the agent's directory (for `import dapper`)
//	dapper completion bash         print a shell's completion script
//	dapper version                 print the version
//	dapper help                    print every command and flag (commands.go)
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if c, ok := lookupCommand(os.Args[1]); ok && wantsHelp(os.Args[2:]) {
		if err := runHelp([]string{c.name}, os.Stdout); err != nil {
			os.Exit(1)
		}
		return
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "adapter":
		err = runAdapter(args)
	case "debug":
		runDebug(args)
	case "launcher":
		runLauncher(args)
	case "run":
		os.Exit(runRun(args))
	case "agent-path":
		err = runAgentPath()
	case "version", "--version", "-V":
		fmt.Println(versionString())
	case "completion":
		err = runCompletion(args, os.Stdout)
	case "help", "-h", "--help":
		err = runHelp(args, os.Stdout)
	default:
		fmt.Fprintf(os.Stderr, "dapper: unknown command %q\n\n%s", cmd, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "dapper: %v\n", err)
		os.Exit(1)
	}
}

// wantsHelp reports whether args ask for a command's usage.
func wantsHelp(args []string) bool {
	return len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help")
}
