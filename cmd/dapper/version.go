package main

import (
	"fmt"
	"runtime/debug"

	"github.com/dapper-debugger/dapper/agent"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = ""

func versionString() string {
	v := version
	if v == "" {
		v = "devel"
		if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
	}
	return fmt.Sprintf("dapper %s (agent %s)", v, agent.Version)
}
