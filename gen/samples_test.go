package gen

// These tests protect the coverage of the generated tests: every constraint
// of a schema is broken by at least one invalid value, with the message
// written out here rather than taken from the schema package, and a
// constraint scaffold cannot break stops generation, naming it.

import (
	"strings"
	"testing"
)

func TestInvalidValuesCoverEveryConstraint(t *testing.T) {
	s := spec(t, `{"type": "object", "properties": {
  "n":  {"type": "integer", "minimum": 1, "maximum": 10},
  "x":  {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
  "s":  {"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^[a-z]+$"},
  "e":  {"type": "string", "enum": ["a", "not-a"]},
  "c":  {"type": "integer", "const": 0},
  "f":  {"type": "number", "const": 1.5},
  "l":  {"type": "array", "items": {"type": "string", "maxLength": 2}, "minItems": 1, "maxItems": 2},
  "d":  {"type": "string", "format": "duration"}
}}`)
	// want: for each argument, a value and its whole message, which the
	// generated TestParseInvalid must list.
	want := map[string][][2]string{
		"n": {{"0", "0 is less than the minimum, 1"}, {"11", "11 is greater than the maximum, 10"}, {"abc", `"abc" is not an integer`}},
		"x": {{"0", "0 is not greater than 0"}, {"1", "1 is not less than 1"}, {"NaN", `"NaN" is not a number`}},
		"s": {{"x", `"x" is shorter than the minimum length, 2`}, {"xxxxx", `"xxxxx" is longer than the maximum length, 4`}, {"!", `"!" is shorter than the minimum length, 2; "!" does not match the pattern ^[a-z]+$`}},
		"e": {{"not-not-a", `"not-not-a" is not one of "a" or "not-a"`}},
		"c": {{"01", `"01" is not the only allowed value, "0"`}},
		"f": {{"1.51", `"1.51" is not the only allowed value, "1.5"`}},
		"l": {{"[]", "has 0 items, fewer than 1"}, {`["xxx"]`, `item 0: "xxx" is longer than the maximum length, 2`}, {`["xx","xx","xx"]`, "has 3 items, more than 2"}},
		"d": {{"10", `"10" is not a duration (write it as Go does: 90s, 15m, 1h30m)`}},
	}
	for _, a := range s.Args {
		cases, err := invalidValues(a)
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		got := map[string]string{}
		for _, c := range cases {
			got[c.value] = c.msg
		}
		for _, w := range want[a.Name] {
			if msg, ok := got[w[0]]; !ok || msg != w[1] {
				t.Errorf("%s: invalid value %q: message %q (listed %v), want %q", a.Name, w[0], msg, ok, w[1])
			}
		}
	}
}

func TestGenerateRefusesUncoveredConstraint(t *testing.T) {
	// Every value scaffold tries matches ".*": no generated test could show
	// that Parse checks the pattern.
	opts := options()
	opts.SchemaData = []byte(`{"type": "object", "properties": {"p": {"type": "string", "pattern": ".*"}}}`)
	_, err := Generate(spec(t, string(opts.SchemaData)), opts)
	if err == nil || !strings.Contains(err.Error(), `argument "p": pattern .*: no invalid value to test it with`) {
		t.Fatalf("Generate with an unbreakable pattern: %v, want an error naming the pattern", err)
	}
}

func TestAcceptedInvalidValueIsAnError(t *testing.T) {
	a := spec(t, `{"type": "object", "properties": {"n": {"type": "integer", "minimum": 1}}}`).Args[0]
	_, err := checkCandidates(a, []candidate{{"0", "minimum 1", true}, {"5", "minimum 1", true}}, []string{"minimum 1"})
	if err == nil || !strings.Contains(err.Error(), `argument "n": minimum 1: the schema checker accepts "5", a value meant to break it`) {
		t.Errorf("a candidate the checker accepts: %v, want an error naming it", err)
	}
	_, err = checkCandidates(a, []candidate{{"5", "minimum 1", false}}, []string{"minimum 1"})
	if err == nil || !strings.Contains(err.Error(), `argument "n": minimum 1: no invalid value to test it with`) {
		t.Errorf("a constraint no candidate breaks: %v, want an error naming it", err)
	}
	cases, err := checkCandidates(a, []candidate{{"0", "minimum 1", true}, {"1", "minimum 1", false}}, []string{"minimum 1"})
	if err != nil || len(cases) != 1 || cases[0] != (invalidCase{"0", "0 is less than the minimum, 1"}) {
		t.Errorf("checkCandidates = %+v, %v; want the one invalid value", cases, err)
	}
}
