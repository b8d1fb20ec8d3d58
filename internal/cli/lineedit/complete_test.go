package lineedit

import (
	"bytes"
	"strings"
	"testing"
)

func TestEditorCompletion(t *testing.T) {
	complete := func(line string, pos int) (int, []string) {
		return 2, []string{"counts", "count_words"}
	}
	e, screen := editing(80)
	keys(t, e, "p co")
	e.completeAt(complete) // common prefix
	if got := string(e.buf); got != "p count" {
		t.Errorf("after Tab: %q", got)
	}
	e.completeAt(complete) // a second Tab lists the candidates
	if !strings.Contains(screen.Text(), "counts       count_words\n(dapper) p count") {
		t.Errorf("listing:\n%s", screen.Text())
	}
	one := func(string, int) (int, []string) { return 0, []string{"where "} }
	e, _ = editing(80)
	keys(t, e, "wh")
	e.completeAt(one)
	if got := string(e.buf); got != "where " {
		t.Errorf("single candidate: %q", got)
	}
}

func TestColumnsLayOutCandidates(t *testing.T) {
	got := columns([]string{"a", "bb", "ccc", "d", "e"}, 12)
	if want := "a    d\nbb   e\nccc\n"; got != want {
		t.Errorf("columns:\n%q\nwant\n%q", got, want)
	}
	var b bytes.Buffer
	b.WriteString(columns(make([]string, 250), 80))
	if !strings.HasSuffix(b.String(), "... and 50 more\n") {
		t.Errorf("a long list is not cut")
	}
}
