package app

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLoneSurrogateAt(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{`"plain"`, -1},
		{`"\u00e9\u4e2d"`, -1},
		{`"\ud83d\ude00"`, -1}, // a pair: 😀
		{`"\uD83D\uDE00"`, -1},
		{`"\ud800"`, 1},
		{`"x\ud800y"`, 2},
		{`"\ud800\u0041"`, 1}, // high, then no low
		{`"\udc00"`, 1},       // low first
		{`"\ud83d\ude00\udc00"`, 13},
		{`"\\ud800"`, -1}, // an escaped backslash, then text
		{`"\\\ud800"`, 3},
		{`"\u12"`, -1}, // not an escape JSON takes: Unmarshal refuses it
		{`{"\ud800": "k"}`, 2},
	} {
		if got := loneSurrogateAt([]byte(tc.in)); got != tc.want {
			t.Errorf("loneSurrogateAt(%s) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// FuzzLoneSurrogateAt holds loneSurrogateAt to encoding/json: a JSON
// string it finds no lone surrogate in decodes to the characters it
// spells, with no U+FFFD it did not spell.
func FuzzLoneSurrogateAt(f *testing.F) {
	for _, s := range []string{`"a"`, `"\ud800"`, `"\ud83d\ude00"`, `"\\ud800"`, `"\ufffd"`, `"\udc00\ud800"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v string
		if !utf8.ValidString(s) || json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		spelt := strings.Count(s, "\ufffd") + strings.Count(strings.ToLower(s), `\ufffd`)
		if loneSurrogateAt([]byte(s)) < 0 && strings.Count(v, "\ufffd") > spelt {
			t.Errorf("%s decodes to %q: a U+FFFD nobody wrote, and no lone surrogate found", s, v)
		}
	})
}
