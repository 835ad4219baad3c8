package quote

// These tests protect how hostile values appear in scaffold's messages:
// escaped, and cut when long.

import (
	"strings"
	"testing"
)

func TestValue(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"abc", `"abc"`},
		{"a\nb", `"a\nb"`},
		{"\x1b[31mred", `"\x1b[31mred"`},
		{"\xff", `"\xff"`},
		{"\u202eevil", `"\u202eevil"`},
		{strings.Repeat("é", 5000), `"` + strings.Repeat("é", MaxShown) + `"…(5000 characters)`},
	} {
		if got := Value(tc.in); got != tc.want {
			t.Errorf("Value(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if got := Value(strings.Repeat("x", 5000)); len(got) > 2*MaxShown {
		t.Errorf("a 5,000-character value is shown as %d bytes", len(got))
	}
}

func TestName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"manifest.csv", "manifest.csv"},
		{"my dir/m.csv", "my dir/m.csv"},
		{"m\x1b[2J.csv", `"m\x1b[2J.csv"`},
		{"m\n.csv", `"m\n.csv"`},
	} {
		if got := Name(tc.in); got != tc.want {
			t.Errorf("Name(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestBare(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Bucket", "Bucket"},
		{"a b", "a b"},
		{"\x1b[31m", `"\x1b[31m"`},
		{strings.Repeat("x", MaxShown+1), `"` + strings.Repeat("x", MaxShown) + `"…(65 characters)`},
	} {
		if got := Bare(tc.in); got != tc.want {
			t.Errorf("Bare(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestMessage(t *testing.T) {
	for in, want := range map[string]string{
		"plain\n\tindented":            "plain\n\tindented",
		"red \x1b[31mtext":             `red \x1b[31mtext`,
		"title \x1b]0;PWN\x07 end":     `title \x1b]0;PWN\a end`,
		"bad \xff byte":                `bad \xff byte`,
		"c1 \u009b and bidi \u202e ok": `c1 \u009b and bidi \u202e ok`,
		"é and \uFFFD stay":            "é and \uFFFD stay",
	} {
		if got := Message(in); got != want {
			t.Errorf("Message(%q) = %q, want %q", in, got, want)
		}
	}
}
