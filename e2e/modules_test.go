package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/dapper-debugger/dapper/internal/dap"
	"github.com/dapper-debugger/dapper/internal/daptest"
	godap "github.com/google/go-dap"
)

// modulesPage is the modules response with ids as JSON gives them.
type modulesPage struct {
	Modules []struct {
		ID         any    `json:"id"`
		Name       string `json:"name"`
		Path       string `json:"path"`
		IsUserCode bool   `json:"isUserCode"`
	} `json:"modules"`
	TotalModules int `json:"totalModules"`
}

func (p modulesPage) names() []string {
	var names []string
	for _, m := range p.Modules {
		names = append(names, m.Name)
	}
	return names
}

func TestModulesAreListedPagedAndAnnouncedAtTheNextStop(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("generated_code.py")
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"program": program})
		s.SetBreakpoints(program, s.LineOf(program, "@call-generated"), s.LineOf(program, "@after-import"))
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()

		var all modulesPage
		s.MustRequest("modules", map[string]any{}, &all)
		byName := map[string]int{}
		for i, m := range all.Modules {
			byName[m.Name] = i
			if strings.HasPrefix(m.Name, "dapper") || strings.Contains(m.Path, "dapper_agent") {
				t.Errorf("the agent's module %s (%s) is listed", m.Name, m.Path)
			}
		}
		main, hasMain := byName["__main__"]
		jsonAt, hasJSON := byName["json"]
		if !hasMain || !all.Modules[main].IsUserCode || all.Modules[main].Path != program {
			t.Fatalf("__main__ missing, or not user code at %s: %+v", program, all.Modules)
		}
		if !hasJSON || all.Modules[jsonAt].IsUserCode {
			t.Errorf("json missing or counted as user code: %v", all.names())
		}
		if _, early := byName["calendar"]; early || all.TotalModules != len(all.Modules) {
			t.Errorf("calendar listed before its import, or totalModules %d for %d modules", all.TotalModules, len(all.Modules))
		}
		var page modulesPage
		s.MustRequest("modules", map[string]any{"startModule": 1, "moduleCount": 2}, &page)
		if !slices.Equal(page.names(), all.names()[1:3]) || page.TotalModules != all.TotalModules {
			t.Errorf("page 1..2: %v (total %d), want %v (total %d)", page.names(), page.TotalModules, all.names()[1:3], all.TotalModules)
		}
		var loaded godap.LoadedSourcesResponseBody
		s.MustRequest("loadedSources", map[string]any{}, &loaded)
		if !slices.ContainsFunc(loaded.Sources, func(src godap.Source) bool { return src.Path == program }) {
			t.Errorf("loadedSources does not hold the program: %+v", loaded.Sources)
		}

		s.Continue(stop.ThreadID)
		module := s.WaitEventMatching("module", func(m dap.Message) bool {
			return decodeEvent[godap.ModuleEventBody](t, m).Module.Name == "calendar"
		})
		if body := decodeEvent[godap.ModuleEventBody](t, module); body.Reason != "new" || body.Module.IsUserCode {
			t.Errorf("module event %s, want a new library module", module.Body)
		}
		s.WaitEventMatching("loadedSource", func(m dap.Message) bool {
			return strings.HasSuffix(decodeEvent[godap.LoadedSourceEventBody](t, m).Source.Path, "calendar.py")
		})
		stop = s.WaitForStop()
		at(t, stop, program, "<module>", "@after-import")
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestSourceServesCodeThatHasNoFile(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		program := daptest.Testdata("generated_code.py")
		s, stop := startAt(t, py, program, "@call-generated", map[string]any{"justMyCode": false})
		stop = s.StepIn(stop.ThreadID)
		if stop.Top.Name != "generated" || stop.Top.Source == nil || stop.Top.Source.Name != "<generated>" {
			t.Fatalf("stepped into %s in %+v, want generated in <generated>", stop.Top.Name, stop.Top.Source)
		}
		ref := stop.Top.Source.SourceReference
		if ref <= 0 || stop.Top.Source.Path != "" {
			t.Fatalf("source %+v: want a sourceReference and no path", stop.Top.Source)
		}
		var body godap.SourceResponseBody
		s.MustRequest("source", map[string]any{"source": stop.Top.Source, "sourceReference": ref}, &body)
		if body.Content != "def generated(n):\n    return n + 1\n" {
			t.Errorf("source %d: %q, want the string that was compiled", ref, body.Content)
		}
		var loaded godap.LoadedSourcesResponseBody
		s.MustRequest("loadedSources", map[string]any{}, &loaded)
		if !slices.ContainsFunc(loaded.Sources, func(src godap.Source) bool { return src.SourceReference == ref }) {
			t.Errorf("loadedSources does not hold <generated>: %+v", loaded.Sources)
		}
		// A string registered nowhere: its text is not known, and no reference says otherwise.
		s.StepOut(stop.ThreadID)
		at(t, s.Next(stop.ThreadID), program, "<module>", "@call-unregistered")
		stop = s.StepIn(stop.ThreadID)
		if src := stop.Top.Source; stop.Top.Name != "unregistered" || src == nil || src.Name != "<unregistered>" || src.SourceReference != 0 {
			t.Errorf("stepped into %s in %+v, want unregistered in <unregistered>, with no sourceReference", stop.Top.Name, src)
		}
		s.ContinueToExit(stop.ThreadID, 0)
	})
}

func TestSourceServesTheDashCProgram(t *testing.T) {
	daptest.ForEachPython(t, func(t *testing.T, py daptest.Python) {
		code := "first = 1\nsecond = first + 1\nprint(second)\n"
		s := daptest.Start(t)
		launch := s.Launch(py, map[string]any{"code": code, "stopOnEntry": true})
		s.ConfigurationDone(launch)
		stop := s.WaitForStop()
		src := stop.Top.Source
		if src == nil || src.Name != "<string>" || src.SourceReference <= 0 {
			t.Fatalf("entry stop in %+v, want <string> with a sourceReference", src)
		}
		var body godap.SourceResponseBody
		s.MustRequest("source", map[string]any{"sourceReference": src.SourceReference}, &body)
		if !strings.HasPrefix(body.Content, "first = 1\nsecond = first + 1\n") {
			t.Errorf("source of -c: %q, want the code", body.Content)
		}
		s.ContinueToExit(stop.ThreadID, 0)
	})
}
