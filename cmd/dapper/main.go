// Command dapper is a debugger for Python programs that speaks the Debug Adapter
// Protocol.
//
//	dapper adapter                 DAP on stdin/stdout (what an editor starts)
//	dapper adapter --port N        DAP over TCP; each connection is a session
//	dapper debug program.py        debug a program in the terminal, as with pdb
//	dapper run --listen 5678 app.py  run a program for editors to attach to
//	dapper agent-path              print the agent's directory (for `import dapper`)
//	dapper version                 print the version
//	dapper help                    print the usage
package main

import (
	"fmt"
	"os"
)

const usage = `usage: dapper <command> [arguments]

commands:
  adapter [--host H] [--port N] [--log-dir DIR]
                                  serve DAP on stdio, or on TCP when --port is given
  debug [options] program.py      debug a program in the terminal (pdb's commands)
  run --listen [HOST:]PORT app.py run a program for editors to attach to (see dapper run -h)
  agent-path                      print the agent's directory: on PYTHONPATH, import dapper works
  version                         print the version
  help                            print this text

"dapper <command> --help" describes a command.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
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
		if wantsHelp(args) {
			fmt.Print("usage: dapper version\n\nPrints the version of dapper and of its Python agent.\n")
			return
		}
		fmt.Println(versionString())
	case "help", "-h", "--help":
		fmt.Print(usage)
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
