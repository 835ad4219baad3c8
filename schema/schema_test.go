package schema

// These tests protect the schema language: what a valid schema becomes, the
// problems a bad one reports (all of them, each at its place), and the wire
// values each type accepts.

import (
	"errors"
	"maps"
	"strings"
	"testing"
)

func TestParseModel(t *testing.T) {
	spec, err := Parse("args.json", []byte(`{
  "type": "object",
  "required": ["bucket"],
  "properties": {
    "bucket": {"type": "string", "minLength": 3, "description": "Where to."},
    "bucket_arn": {"type": "string"},
    "max-keys": {"type": "integer", "minimum": 1, "exclusiveMaximum": 1000, "default": 100},
    "ratio": {"type": "number", "exclusiveMinimum": 0},
    "wait": {"type": "string", "format": "duration", "default": "1m"},
    "mode": {"type": "string", "enum": ["fast", "safe-mode", "", "*"]},
    "ids": {"type": "array", "items": {"type": "integer", "minimum": 0}, "maxItems": 3, "default": [1, 2]},
    "legacy": {"type": "boolean", "x-go-name": "UseLegacy", "deprecated": true}
  }
}`))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		name, goName string
		typ          Type
		required     bool
		def          string
	}
	want := []row{
		{"bucket", "Bucket", String, true, ""},
		{"bucket_arn", "BucketARN", String, false, ""},
		{"max-keys", "MaxKeys", Integer, false, "100"},
		{"ratio", "Ratio", Number, false, ""},
		{"wait", "Wait", Duration, false, "1m"},
		{"mode", "Mode", String, false, ""},
		{"ids", "IDs", Array, false, "[1,2]"},
		{"legacy", "UseLegacy", Boolean, false, ""},
	}
	if len(spec.Args) != len(want) {
		t.Fatalf("%d args, want %d", len(spec.Args), len(want))
	}
	for i, w := range want {
		a := spec.Args[i]
		def := ""
		if a.Default != nil {
			def = *a.Default
		}
		got := row{a.Name, a.GoName, a.Type, a.Required, def}
		if got != w {
			t.Errorf("arg %d = %+v, want %+v", i, got, w)
		}
	}
	if a := spec.Args[2]; a.Min == nil || a.Min.Text != "1" || a.Min.Exclusive || a.Max == nil || !a.Max.Exclusive || a.Max.Text != "1000" {
		t.Errorf("max-keys bounds = %+v, %+v", a.Min, a.Max)
	}
	var consts []string
	for _, e := range spec.Args[5].Enum {
		consts = append(consts, e.GoName)
	}
	if got := strings.Join(consts, " "); got != "ModeFast ModeSafeMode ModeValue3 ModeValue4" {
		t.Errorf("enum constants = %s", got)
	}
	if a := spec.Args[6]; a.Item == nil || a.Item.Type != Integer || a.Item.Min == nil || *a.MaxItems != 3 {
		t.Errorf("ids = %+v", a)
	}
	if !spec.Args[7].Deprecated || spec.Args[0].Description != "Where to." {
		t.Error("deprecated or description lost")
	}
}

func TestYAMLAndJSONAgree(t *testing.T) {
	j, err := Parse("a.json", []byte(`{"type":"object","properties":{"n":{"type":"integer","default":5,"maximum":9}}}`))
	if err != nil {
		t.Fatal(err)
	}
	y, err := Parse("a.yml", []byte("type: object\nproperties:\n  n:\n    type: integer\n    default: 5\n    maximum: 9\n"))
	if err != nil {
		t.Fatal(err)
	}
	if *j.Args[0].Default != *y.Args[0].Default || j.Args[0].Max.Text != y.Args[0].Max.Text || j.Args[0].Pos.Line != 1 || y.Args[0].Pos != (Pos{3, 3}) {
		t.Errorf("json %+v\nyaml %+v", j.Args[0], y.Args[0])
	}
}

// TestProblems checks that each bad schema reports exactly the problems
// listed, at their places.
func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      []string // "line:col: pointer: message" prefixes, in order
	}{
		{"not an object", `[]`, []string{"1:1: the schema must be an object"}},
		{"root type", `{"type": "array"}`, []string{`1:10: /type: the schema's type must be "object"`}},
		{"old draft", `{"$schema": "http://json-schema.org/draft-07/schema#"}`, []string{`1:13: /$schema: scaffold reads JSON Schema draft 2020-12`}},
		{"additionalProperties", `{"additionalProperties": true}`, []string{"1:26: /additionalProperties: additionalProperties may only be false"}},
		{"no type", `{"properties": {"a": {}}}`, []string{"1:22: /properties/a: the argument has no type"}},
		{"type list", `{"properties": {"a": {"type": ["string", "null"]}}}`, []string{"1:31: /properties/a/type: a list of types is not supported"}},
		{"nested object", `{"properties": {"a": {"type": "object"}}}`, []string{`1:31: /properties/a/type: type "object" is not supported`}},
		{"$ref", `{"properties": {"a": {"$ref": "#/x"}}}`, []string{`1:22: /properties/a: the argument has no type`, `1:23: /properties/a/$ref: keyword "$ref" is not supported in an argument`}},
		{"misplaced keyword", `{"properties": {"a": {"type": "integer", "minLength": 1}}}`, []string{"1:42: /properties/a/minLength: minLength applies to strings, not to integer"}},
		{"enum on integer", `{"properties": {"a": {"type": "integer", "enum": [1]}}}`, []string{"1:42: /properties/a/enum: enum is supported for string arguments, not integer"}},
		{"enum on integer items", `{"properties": {"a": {"type": "array", "items": {"type": "integer", "enum": [1]}}}}`, []string{"1:69: /properties/a/items/enum: enum is supported for string items, not integer"}},
		{"repeated item value", `{"properties": {"a": {"type": "array", "items": {"type": "string", "enum": ["x", "x"]}}}}`, []string{`1:82: /properties/a/items/enum/1: enum value "x" is listed twice`}},
		{"item value too short", `{"properties": {"a": {"type": "array", "items": {"type": "string", "minLength": 2, "enum": ["x"]}}}}`, []string{`1:93: /properties/a/items/enum/0: enum value "x" is shorter than the minimum length, 2`}},
		{"fractional integer bound", `{"properties": {"a": {"type": "integer", "minimum": 1.5}}}`, []string{"1:53: /properties/a/minimum: minimum of an integer argument must be a whole number in range"}},
		{"both minimums", `{"properties": {"a": {"type": "number", "minimum": 1, "exclusiveMinimum": 0}}}`, []string{"1:55: /properties/a/exclusiveMinimum: both minimum and exclusiveMinimum are given"}},
		{"empty range", `{"properties": {"a": {"type": "integer", "minimum": 5, "maximum": 4}}}`, []string{"1:22: /properties/a: no value lies between the minimum and the maximum"}},
		{"default type", `{"properties": {"a": {"type": "boolean", "default": "true"}}}`, []string{"1:53: /properties/a/default: want true or false for a boolean argument, not string"}},
		{"default pattern", `{"properties": {"a": {"type": "string", "pattern": "^a+$", "default": "b"}}}`, []string{"1:17: /properties/a: cannot make a valid sample value", `1:71: /properties/a/default: default "b" does not match the pattern ^a+$`}},
		{"default duration", `{"properties": {"a": {"type": "string", "format": "duration", "default": "1 day"}}}`, []string{`1:74: /properties/a/default: default "1 day" is not a duration`}},
		{"const and enum", `{"properties": {"a": {"type": "string", "enum": ["x"], "const": "y"}}}`, []string{`1:65: /properties/a/const: const "y" is not one of "x"`}},
		{"pattern needs an example", `{"properties": {"a": {"type": "string", "pattern": "^[0-9]{3}$"}}}`, []string{"1:17: /properties/a: cannot make a valid sample value for the generated tests"}},
		{"pattern needs an example, with a bad default", `{"properties": {"a": {"type": "string", "pattern": "^[0-9]{3}$", "default": "x"}}}`, []string{"1:17: /properties/a: cannot make a valid sample value for the generated tests", `1:77: /properties/a/default: default "x" does not match the pattern`}},
		{"bad x-go-name", `{"properties": {"a": {"type": "string", "x-go-name": "lower"}}}`, []string{`1:54: /properties/a/x-go-name: x-go-name "lower" is not exported`}},
		{"bad x-log", `{"properties": {"a": {"type": "string", "x-log": "yes"}}}`, []string{`1:50: /properties/a/x-log: x-log must be true or false`}},
		{"reserved enum type", `{"properties": {"error": {"type": "string", "enum": ["x"]}}}`, []string{`1:17: /properties/error: enum type Error of "error" is already declared by the generated package itself`}},
		{"empty name", `{"properties": {"": {"type": "string"}}}`, []string{`1:17: /properties/: an argument name must not be empty`, `1:17: /properties/: cannot make a Go name`}},
		{"control characters in an enum value", `{"properties": {"a": {"type": "string", "enum": ["ok", "x\u001b[2J"]}}}`, []string{`1:56: /properties/a/enum/1: enum value "x\x1b[2J" has control characters, which S3 Control's pattern for UserArguments refuses: a job could never send it`}},
		{"control characters in a name", `{"properties": {"a\nb": {"type": "string"}}}`, []string{`1:17: "/properties/a\nb": argument name "a\nb" has control characters, which S3 Control's pattern for UserArguments refuses`}},
		{"required unknown", `{"properties": {}, "required": ["x"]}`, []string{`1:33: /required/0: required argument "x" is not in properties`}},
		{"meta-schema", `{"properties": {"a": {"type": "string", "maxLength": "3"}}}`, []string{`1:54: /properties/a/maxLength: not valid JSON Schema`}},
		{"duplicate key", "{\"properties\": {\"a\": {\"type\": \"string\"},\n \"a\": {}}}", []string{`2:2: duplicate key "a"`}},
		{"json syntax", "{\n  \"type\": \"object\",,\n}", []string{`2:20: invalid JSON`}},
		{"truncated", `{"type": "object"`, []string{`1:18: invalid JSON: unexpected end of file`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("s.json", []byte(tc.doc))
			probs, ok := err.(Problems)
			if !ok {
				t.Fatalf("error %v (%T), want Problems", err, err)
			}
			if len(probs) != len(tc.want) {
				t.Fatalf("%d problems, want %d:\n%v", len(probs), len(tc.want), probs)
			}
			for i, p := range probs {
				got := strings.TrimPrefix(p.Error(), "s.json:")
				if !strings.HasPrefix(got, tc.want[i]) {
					t.Errorf("problem %d = %q\nwant prefix %q", i, got, tc.want[i])
				}
				if p.Hint == "" {
					t.Errorf("problem %d has no hint", i)
				}
			}
		})
	}
}

func TestYAMLProblems(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{"a: &x 1\nb: *x\n", "YAML Anchor is not supported"},
		{"properties:\n  a:\n    type: string\n   bad: 1\n", "4:"},
		{"1: x\n", `mapping key 1 is not a string`},
		{"---\na: 1\n---\nb: 2\n", "want one YAML document, found 2"},
		{"properties:\n  a:\n    type: number\n    maximum: .inf\n", "infinity and NaN are not JSON numbers"},
	} {
		_, err := Parse("s.yaml", []byte(tc.doc))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want %q", tc.doc, err, tc.want)
		}
	}
}

func TestGoName(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"MyDestinationBucket", "MyDestinationBucket", ""},
		{"my-prefix", "MyPrefix", ""},
		{"my_prefix", "MyPrefix", ""},
		{"source.bucket arn", "SourceBucketARN", ""},
		{"url", "URL", ""},
		{"kmsKeyId", "KmsKeyId", ""},
		{"type", "Type", ""},
		{"3d", "", "starts with a digit"},
		{"größe", "", "non-ASCII"},
		{"--", "", "no letters or digits"},
	} {
		got, err := GoName(tc.in)
		if got != tc.want || (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("GoName(%q) = %q, %v; want %q, %q", tc.in, got, err, tc.want, tc.err)
		}
	}
}

// TestCheck checks wire values against each type and constraint.
func TestCheck(t *testing.T) {
	spec, err := Parse("a.yaml", []byte(`
properties:
  n: {type: integer, minimum: 1, exclusiveMaximum: 10}
  f: {type: number, exclusiveMinimum: 0, maximum: 1}
  b: {type: boolean}
  d: {type: string, format: duration}
  t: {type: string, format: date-time}
  u: {type: string, format: uri}
  s: {type: string, minLength: 2, maxLength: 3, pattern: "^[a-zé]+$"}
  e: {type: string, enum: [x, y]}
  c: {type: integer, const: 7}
  l: {type: array, items: {type: integer, maximum: 5}, minItems: 1, maxItems: 2}
`))
	args := argsByName(t, spec, err)
	for _, tc := range []struct {
		arg, value string
		want       string // "" for valid; else the joined messages
	}{
		// Each bound and length at the limit (valid, unless exclusive) and one past it.
		{"n", "1", ""}, {"n", "9", ""}, {"n", "0", "0 is less than the minimum, 1"}, {"n", "10", "10 is not less than 10"},
		{"n", "1.0", `"1.0" is not an integer`}, {"n", " 1", `" 1" is not an integer`},
		{"f", "1", ""}, {"f", "1.5", "1.5 is greater than the maximum, 1"}, {"f", "0", "0 is not greater than 0"}, {"f", "NaN", `"NaN" is not a number`}, {"f", "1e-9", ""},
		{"b", "true", ""}, {"b", "false", ""}, {"b", "TRUE", `"TRUE" is not true or false`}, {"b", "1", `"1" is not true or false`},
		{"d", "1h30m", ""}, {"d", "90", `"90" is not a duration (write it as Go does: 90s, 15m, 1h30m)`},
		{"t", "2024-05-01T12:00:00+02:00", ""}, {"t", "2024-05-01", `"2024-05-01" is not an RFC 3339 date-time (such as 2024-05-01T12:00:00Z)`},
		{"u", "s3://bucket/key", ""}, {"u", "/key", `"/key" is not an absolute URI (such as https://example.com/path)`},
		{"s", "éé", ""}, {"s", "ab", ""}, {"s", "abé", ""}, {"s", "é", `"é" is shorter than the minimum length, 2`}, {"s", "abcd", `"abcd" is longer than the maximum length, 3`},
		{"s", "A1", `"A1" does not match the pattern ^[a-zé]+$`},
		{"e", "x", ""}, {"e", "z", `"z" is not one of "x" or "y"`},
		{"c", "7", ""}, {"c", "07", ""}, {"c", "8", `"8" is not the only allowed value, "7"`},
		{"l", "[5]", ""}, {"l", "[1,2]", ""}, {"l", "[]", "has 0 items, fewer than 1"}, {"l", "[1,2,3]", "has 3 items, more than 2"},
		{"l", "[6]", "item 0: 6 is greater than the maximum, 5"}, {"l", `["1"]`, `"[\"1\"]" is not a JSON array of integers (such as [1,2])`},
		{"l", "[1.5]", `"[1.5]" is not a JSON array of integers (such as [1,2])`}, {"l", "[null]", `"[null]" is not a JSON array of integers (such as [1,2])`},
	} {
		got := strings.Join(args[tc.arg].Check(tc.value), "; ")
		if got != tc.want {
			t.Errorf("%s: Check(%q) = %q, want %q", tc.arg, tc.value, got, tc.want)
		}
	}
}

// FuzzParse feeds the loader arbitrary documents: it must return a Spec or
// Problems, never panic, and a Spec it returns must keep S3's limits.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		`{"type":"object","properties":{"a":{"type":"string","default":"x"}},"required":["a"]}`,
		`{"properties":{"n":{"type":"integer","minimum":1,"maximum":5,"default":3}}}`,
		`{"properties":{"l":{"type":"array","items":{"type":"number"},"minItems":1}}}`,
		`{"properties":{"e":{"type":"string","enum":["a","b"],"default":"a"}}}`,
		"type: object\nproperties:\n  d: {type: string, format: duration}\n",
		`{"properties":{"a":{"type":"string","pattern":"(","x-go-name":"1"}}}`,
		`[`, ``, `null`, "\xff",
	} {
		f.Add(seed, true)
		f.Add(seed, false)
	}
	f.Fuzz(func(t *testing.T, doc string, isJSON bool) {
		name := "s.yaml"
		if isJSON {
			name = "s.json"
		}
		spec, err := Parse(name, []byte(doc))
		if err != nil {
			if _, ok := err.(Problems); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		if len(spec.Args) > MaxArgs {
			t.Fatalf("%d arguments", len(spec.Args))
		}
		names := map[string]bool{}
		for _, a := range spec.Args {
			if a.GoName == "" || names[a.GoName] {
				t.Fatalf("Go name %q empty or repeated", a.GoName)
			}
			names[a.GoName] = true
			if w, ok := a.Sample(); !ok || len(a.Check(w)) > 0 {
				t.Fatalf("%s: sample %q is not valid: %v", a.Name, w, a.Check(w))
			}
		}
	})
}

// TestTaskSchema checks the task schema language: JSON values, nested
// objects one level deep, no defaults, and no S3 argument limits.
func TestTaskSchema(t *testing.T) {
	spec, err := ParseTask("task.json", []byte(`{"type": "object", "required": ["origKey"], "properties": {
  "origKey": {"type": "string", "minLength": 1},
  "n": {"type": "integer", "maximum": 9},
  "dest": {"type": "object", "required": ["bucket"], "properties": {"bucket": {"type": "string"}, "on": {"type": "boolean"}}},
  "a1": {"type": "string"}, "a2": {"type": "string"}, "a3": {"type": "string"}, "a4": {"type": "string"},
  "a5": {"type": "string"}, "a6": {"type": "string"}, "a7": {"type": "string"}, "a8": {"type": "string"}
}}`))
	if err != nil {
		t.Fatalf("11 fields are fine in a task schema: %v", err)
	}
	if d := spec.Args[2]; d.Type != Object || d.GoName != "Dest" || len(d.Fields) != 2 || !d.Fields[0].Required {
		t.Errorf("dest = %+v", d)
	}
	for _, tc := range []struct{ object, want string }{
		{spec.SampleTask(), ""},
		{`{"origKey": "k", "n": 3, "dest": {"bucket": "b"}}`, ""},
		{`[]`, MsgNotObject},
		{`{"n": 3}`, `field "origKey" is required but missing`},
		{`{"origKey": 1}`, `field "origKey": want a string, not a number`},
		{`{"origKey": "k", "n": null}`, `field "n" is null`},
		{`{"origKey": "k", "n": 10}`, `field "n": 10 is greater than the maximum, 9`},
		{`{"origKey": "k", "n": 1.5}`, `field "n": "1.5" is not an integer`},
		{`{"origKey": "k", "dest": {"on": "yes"}}`, `field "dest": field "bucket" is required but missing; field "dest": field "on": want a boolean, not a string`},
		{`{"origKey": "k", "x": 1}`, `field "x" is not a field of this task`},
	} {
		if got := strings.Join(spec.CheckTask(tc.object), "; "); got != tc.want {
			t.Errorf("CheckTask(%s) = %q, want %q", tc.object, got, tc.want)
		}
	}
	for _, tc := range []struct{ doc, want string }{
		{`{"properties": {"a": {"type": "string", "default": "x"}}}`, "default is not supported in a task schema"},
		{`{"properties": {"o": {"type": "object", "properties": {"i": {"type": "object", "properties": {"x": {"type": "string"}}}}}}}`, "objects may nest only one level deep"},
		{`{"properties": {"o": {"type": "object"}}}`, "an object field needs properties"},
		{`{"properties": {"d": {"type": "string", "format": "duration"}}}`, "format duration is not supported in a task schema"},
		{`{"properties": {"o": {"type": "object", "properties": {"e": {"type": "string", "enum": ["a"]}}}}}`, "enum is not supported in a nested object"},
	} {
		if _, err := ParseTask("task.json", []byte(tc.doc)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseTask(%s) = %v, want %q", tc.doc, err, tc.want)
		}
	}
	// The same object type is an error in an arguments schema.
	if _, err := Parse("args.json", []byte(`{"properties": {"o": {"type": "object", "properties": {"x": {"type": "string"}}}}}`)); err == nil {
		t.Error("an object argument was accepted")
	}
}

// TestXLog: "x-log": true marks an argument whose value may be logged; the
// others are logged by name only.
func TestXLog(t *testing.T) {
	spec, err := Parse("s.json", []byte(`{"properties": {"bucket": {"type": "string", "x-log": true}, "token": {"type": "string"}, "other": {"type": "string", "x-log": false}}}`))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, a := range spec.Args {
		got[a.Name] = a.Log
	}
	if want := map[string]bool{"bucket": true, "token": false, "other": false}; !maps.Equal(got, want) {
		t.Errorf("Log = %v, want %v", got, want)
	}
}

// Arrays of enum values, durations and date-times: each item checked as a
// value of its own, the example of a message drawn from the enum's values,
// and the element type's constants named as an enum argument's.
func TestCheckItems(t *testing.T) {
	spec, err := Parse("a.yaml", []byte(`
properties:
  le: {type: array, items: {type: string, enum: [jpeg, png]}}
  ld: {type: array, items: {type: string, format: duration}}
  lt: {type: array, items: {type: string, format: date-time}}
`))
	args := argsByName(t, spec, err)
	if v := args["le"].EnumValues(); len(v) != 2 || v[0].GoName != "LeJpeg" || v[1].GoName != "LePng" {
		t.Errorf("EnumValues of le = %+v, want LeJpeg and LePng", v)
	}
	for _, tc := range []struct{ arg, value, want string }{
		{"le", `["png","jpeg","png"]`, ""}, {"le", `["gif","png","bmp"]`, `item 0: "gif" is not one of "jpeg" or "png"; item 2: "bmp" is not one of "jpeg" or "png"`},
		{"le", `[1]`, `"[1]" is not a JSON array of strings (such as ["jpeg","png"])`},
		{"ld", `["90s","1h30m"]`, ""}, {"ld", `["90s","-"]`, `item 1: "-" is not a duration (write it as Go does: 90s, 15m, 1h30m)`},
		{"ld", `[90]`, `"[90]" is not a JSON array of durations (such as ["90s","1h30m"])`},
		{"lt", `["2024-05-01T12:00:00Z"]`, ""}, {"lt", `["2024-05-01"]`, `item 0: "2024-05-01" is not an RFC 3339 date-time (such as 2024-05-01T12:00:00Z)`},
	} {
		if got := strings.Join(args[tc.arg].Check(tc.value), "; "); got != tc.want {
			t.Errorf("%s: Check(%q) = %q, want %q", tc.arg, tc.value, got, tc.want)
		}
	}
	for _, tc := range []struct{ arg, wire, want string }{
		{"le", `["png", "jpeg"]`, `["png","jpeg"]`}, {"ld", `["90s"]`, `["1m30s"]`}, {"lt", `["2024-05-01T12:00:00+02:00"]`, `["2024-05-01T12:00:00+02:00"]`},
	} {
		if got := args[tc.arg].Encode(tc.wire); got != tc.want {
			t.Errorf("%s: Encode(%q) = %q, want %q", tc.arg, tc.wire, got, tc.want)
		}
	}
}

// argsByName returns a parsed schema's arguments by name.
func argsByName(t *testing.T, spec *Spec, err error) map[string]*Arg {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	args := map[string]*Arg{}
	for _, a := range spec.Args {
		args[a.Name] = a
	}
	return args
}

func TestPointer(t *testing.T) {
	for _, tc := range []struct {
		tokens []string
		want   string
	}{
		{nil, ""},
		{[]string{"properties", "Prefix"}, "/properties/Prefix"},
		{[]string{"properties", "a/b"}, "/properties/a~1b"},
		{[]string{"properties", "a~b"}, "/properties/a~0b"},
		{[]string{"~1"}, "/~01"}, // a literal "~1" is not a "/"
		{[]string{""}, "/"},
	} {
		if got := pointer(tc.tokens...); got != tc.want {
			t.Errorf("pointer(%q) = %q, want %q", tc.tokens, got, tc.want)
		}
	}
}

// TestProblemsSuggest checks that a mistyped keyword or type is answered
// with the one meant, and an unknown one near none with the list alone; a
// keyword the object already has, or one not allowed where the typo is, is
// never offered.
func TestProblemsSuggest(t *testing.T) {
	for _, tc := range []struct{ doc, hint string }{
		{`{"properties": {"a": {"type": "string", "enum": ["x"], "enumNames": ["X"]}}}`, `scaffold supports $comment, type`},
		{`{"properties": {"a": {"type": "string", "Type": "string"}}}`, `scaffold supports $comment, type`},
		{`{"properties": {"a": {"type": "string", "x-go-nam": "A"}}}`, `did you mean "x-go-name"? x-go-name and x-log are the only extensions scaffold reads`},
		{`{"properties": {}, "x-go-nam": "A"}`, `remove it: x-go-name and x-log`},
		{`{"properties": {"a": {"type": "string"}}, "requried": ["a"]}`, `did you mean "required"? scaffold supports`},
		{`{"properties": {"a": {"type": "string", "minLenght": 1}}}`, `did you mean "minLength"? scaffold supports`},
		{`{"properties": {"a": {"type": "array", "items": {"type": "string", "patern": "^a$"}}}}`, `did you mean "pattern"? scaffold supports`},
		{`{"properties": {"a": {"type": "strng"}}}`, `did you mean "string"? use string, integer`},
		{`{"properties": {"a": {"type": "string", "frobnicate": 1}}}`, `scaffold supports $comment, type`},
	} {
		_, err := Parse("s.json", []byte(tc.doc))
		var probs Problems
		if !errors.As(err, &probs) || len(probs) != 1 {
			t.Errorf("%s: %v, want one problem", tc.doc, err)
			continue
		}
		if !strings.HasPrefix(probs[0].Hint, tc.hint) {
			t.Errorf("%s: hint %q, want it to begin %q", tc.doc, probs[0].Hint, tc.hint)
		}
	}
}
