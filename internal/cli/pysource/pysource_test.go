package pysource

import (
	"reflect"
	"strings"
	"testing"
)

// splitLines is text as a list of lines, as the debugger reads a file.
func splitLines(text string) []string { return strings.Split(strings.TrimSuffix(text, "\n"), "\n") }

const sample = `import os


@decorator
def outer(a, b=(1, 2), *args, c: int = 3, **kw):
    """Doc.

not indented
"""
    def inner(x,
              y=[1,
                 2]):
        return x
    total = (a +
b)
    return inner(total, 1)


class Box:
    def method(self, /, value):
        # a comment
        return value

x = 1
`

func TestFunctionExtentFindsTheEnclosingDef(t *testing.T) {
	lines := splitLines(sample)
	for _, c := range []struct {
		line             int
		name             string
		first, last, def int
		ok               bool
	}{
		{16, "outer", 4, 16, 5, true},
		{15, "outer", 4, 16, 5, true},
		{6, "outer", 4, 16, 5, true},
		{13, "outer.<locals>.inner", 10, 13, 10, true},
		{22, "Box.method", 20, 22, 20, true},
		{24, "<module>", 1, 24, 0, true},
		{13, "<lambda>", 0, 0, 0, false},
		{24, "nowhere", 0, 0, 0, false},
	} {
		first, last, def, ok := FunctionExtent(lines, c.line, c.name)
		if first != c.first || last != c.last || def != c.def || ok != c.ok {
			t.Errorf("FunctionExtent(line %d, %s) = %d..%d def %d %v, want %d..%d def %d %v",
				c.line, c.name, first, last, def, ok, c.first, c.last, c.def, c.ok)
		}
	}
}

func TestParameterNamesReadTheDefLine(t *testing.T) {
	lines := splitLines(sample)
	for _, c := range []struct {
		def  int
		want []string
	}{
		{5, []string{"a", "b", "args", "c", "kw"}},
		{10, []string{"x", "y"}},
		{20, []string{"self", "value"}},
		{1, nil},
	} {
		if got := ParameterNames(lines, c.def); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParameterNames(line %d) = %q, want %q", c.def, got, c.want)
		}
	}
}

func TestContinuationsFollowBracketsStringsAndBackslashes(t *testing.T) {
	lines := splitLines("a = (1,\n2)\ns = '''x\ny'''\nb = 1 + \\\n 2\nc = ')'  # (\nd = 4")
	want := []bool{false, true, false, true, false, true, false, false}
	if got := continuations(lines); !reflect.DeepEqual(got, want) {
		t.Errorf("continuations = %v, want %v", got, want)
	}
}

func TestUnquoteDecodesRepr(t *testing.T) {
	for lit, want := range map[string]string{
		`'plain'`:                "plain",
		`"it's"`:                 "it's",
		`'a\nb\t\\ \'q\''`:       "a\nb\t\\ 'q'",
		`'\x41\u00e9\U0001F600'`: "Aé😀",
	} {
		if got, ok := Unquote(lit); !ok || got != want {
			t.Errorf("Unquote(%s) = %q, %v; want %q", lit, got, ok, want)
		}
	}
	for _, bad := range []string{`x`, `'unterminated`, `'bad \x4'`} {
		if _, ok := Unquote(bad); ok {
			t.Errorf("Unquote(%s) decoded", bad)
		}
	}
}

func TestIncompleteGoesOnAsPythonsPromptDoes(t *testing.T) {
	for _, c := range []struct {
		typed []string
		more  bool
	}{
		{[]string{"x = 1"}, false},
		{[]string{"for i in range(3):"}, true},
		{[]string{"for i in range(3):", "    print(i)"}, true},
		{[]string{"for i in range(3):", "    print(i)", ""}, false},
		{[]string{"if x: y()"}, true},
		{[]string{"def f(x):  # doubles", "    return x * 2", ""}, false},
		{[]string{"values = [1,"}, true},
		{[]string{"values = [1,", "  2]"}, false},
		{[]string{"s = '''one"}, true},
		{[]string{"total = a + \\"}, true},
		{[]string{"@decorator"}, true},
		{[]string{"match = 3"}, false},
		{[]string{"match point:"}, true},
		{[]string{"d = {'#': 1}"}, false},
	} {
		if got := Incomplete(c.typed); got != c.more {
			t.Errorf("Incomplete(%q) = %v, want %v", c.typed, got, c.more)
		}
	}
}

func TestDefinedNamesListsDefsAndClasses(t *testing.T) {
	got := DefinedNames([]string{"def calc(x):", "    pass", "class Shop:", "    async def fetch(self):", "x = 1"})
	if strings.Join(got, " ") != "calc Shop fetch" {
		t.Errorf("DefinedNames = %q", got)
	}
}
