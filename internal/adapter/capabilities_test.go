package adapter

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestExceptionFiltersSendEveryDefault(t *testing.T) {
	b, err := json.Marshal(capabilities())
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Filters []map[string]any `json:"exceptionBreakpointFilters"`
	}
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatal(err)
	}
	defaults := map[string]any{}
	for _, f := range body.Filters {
		defaults[f["filter"].(string)] = f["default"]
	}
	want := map[string]any{"raised": false, "uncaught": true, "userUnhandled": false}
	for name, value := range want {
		if defaults[name] != value {
			t.Errorf("filter %s: default = %v, want %v (in %s)", name, defaults[name], value, b)
		}
	}
	if strings.Count(string(b), `"exceptionBreakpointFilters"`) != 1 {
		t.Errorf("exceptionBreakpointFilters appears more than once: %s", b)
	}
}
