package launch

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestChildOptionsHaveDebugpysDefaults(t *testing.T) {
	c, err := ParseChildren("launch", json.RawMessage(`{}`))
	if err != nil || !c.Debugged || !c.EndWithParent || c.Wait != DefaultChildWait {
		t.Fatalf("%+v, %v", c, err)
	}
	c, err = ParseChildren("attach", json.RawMessage(`{"subProcess":false,"terminateChildProcesses":false,"subProcessTimeout":0.25}`))
	if err != nil || c.Debugged || c.EndWithParent || c.Wait != 250*time.Millisecond {
		t.Fatalf("%+v, %v", c, err)
	}
	for _, bad := range []string{`{"subProcessTimeout":-1}`, `{"subProcessTimeout":601}`, `{"subProcessTimeout":"5"}`} {
		if _, err := ParseChildren("launch", json.RawMessage(bad)); err == nil {
			t.Errorf("%s was taken", bad)
		}
	}
}

func TestAChildsConfigurationIsItsParentsWithoutWhatStartedIt(t *testing.T) {
	parent := json.RawMessage(`{"type":"python","request":"launch","name":"App","program":"/app.py","args":["x"],
		"python":"/usr/bin/python3","console":"integratedTerminal","env":{"A":"1"},"justMyCode":false,
		"pathMappings":[{"localRoot":"/src","remoteRoot":"/app"}],"preLaunchTask":"build","__sessionId":"s1"}`)
	raw, err := ChildConfiguration(parent, "worker.py (pid 7)", ChildClaim{Pid: 7, Token: "t"}, "127.0.0.1", 4711)
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"program", "args", "python", "console", "env", "preLaunchTask", "__sessionId"} {
		if _, ok := cfg[gone]; ok {
			t.Errorf("the child's configuration has %q: %s", gone, raw)
		}
	}
	want := `"connect":{"host":"127.0.0.1","port":4711},"justMyCode":false,"name":"worker.py (pid 7)",` +
		`"pathMappings":[{"localRoot":"/src","remoteRoot":"/app"}],"request":"attach","subProcessId":7,"subProcessToken":"t","type":"python"}`
	if !strings.HasSuffix(string(raw), want) {
		t.Errorf("configuration %s", raw)
	}
}

func TestAChildClaimNamesItsChild(t *testing.T) {
	claim, ok, err := ParseChildClaim(json.RawMessage(`{"subProcessId":"42","subProcessToken":"t"}`))
	if err != nil || !ok || claim != (ChildClaim{42, "t"}) {
		t.Fatalf("%+v %v %v", claim, ok, err)
	}
	if _, ok, err := ParseChildClaim(json.RawMessage(`{"connect":{"port":1}}`)); ok || err != nil {
		t.Fatalf("an attach without subProcessId: %v %v", ok, err)
	}
	if _, _, err := ParseChildClaim(json.RawMessage(`{"subProcessId":-3}`)); err == nil {
		t.Fatal("a bad subProcessId was taken")
	}
}
