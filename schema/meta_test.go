package schema

// These tests keep the santhosh-tekuri/jsonschema library as the oracle of
// metaValidate: on documents that use only the keywords scaffold reads,
// the keyword checks and the draft 2020-12 meta-schema must find problems
// at the same JSON pointers, worded the same.

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var oracleSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return jsonschema.NewCompiler().Compile(metaSchemaURL)
})

// oracle returns what the meta-schema finds in root, one "pointer: message"
// a problem; an anyOf or oneOf is reported by its most specific cause, as
// scaffold reported it when it validated with the library.
func oracle(t testing.TB, root *node) []string {
	sch, err := oracleSchema()
	if err != nil {
		t.Fatal(err)
	}
	ve, ok := sch.Validate(root.toAny()).(*jsonschema.ValidationError)
	if !ok {
		return nil
	}
	printer := message.NewPrinter(language.English)
	var out []string
	var walk func(ve *jsonschema.ValidationError)
	walk = func(ve *jsonschema.ValidationError) {
		switch ve.ErrorKind.(type) {
		case *kind.AnyOf, *kind.OneOf:
			leaf := ve
			for len(leaf.Causes) > 0 {
				leaf = leaf.Causes[0]
			}
			out = append(out, pointer(ve.InstanceLocation...)+": "+leaf.ErrorKind.LocalizedString(printer))
			return
		}
		if len(ve.Causes) == 0 {
			out = append(out, pointer(ve.InstanceLocation...)+": "+ve.ErrorKind.LocalizedString(printer))
			return
		}
		for _, c := range ve.Causes {
			walk(c)
		}
	}
	walk(ve)
	slices.Sort(out)
	return slices.Compact(out)
}

// minimumGot is the number in a "minimum: got N, want 0" message: the
// library formats it with the locale's grouping and powers of ten
// (-1,000; -1 × 10³⁰), scaffold as the schema wrote it (-1000; -1e30).
var minimumGot = regexp.MustCompile(`minimum: got .*, want 0$`)

// sameProblems compares own's and oracle's lists, the number of a minimum
// message aside.
func sameProblems(got, want []string) bool {
	norm := func(s string) string { return minimumGot.ReplaceAllString(s, "minimum: got N, want 0") }
	return slices.EqualFunc(got, want, func(a, b string) bool { return norm(a) == norm(b) })
}

// own returns what metaValidate finds in root, as oracle does.
func own(root *node) []string {
	c := &checker{file: "s.json"}
	c.metaValidate(root)
	var out []string
	for _, p := range c.problems {
		out = append(out, p.Pointer+": "+strings.TrimPrefix(p.Msg, "not valid JSON Schema: "))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// onlyReadKeywords reports whether every schema in n uses only keywords
// that metaValidate checks or that the meta-schema does not constrain.
func onlyReadKeywords(n *node) bool {
	if n.kind != kindObject {
		return true
	}
	for _, m := range n.members {
		switch m.key {
		case "$id", "$schema", "$comment", "title", "description", "format", "pattern", "enum",
			"examples", "deprecated", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
			"minLength", "maxLength", "minItems", "maxItems", "type", "required", "const",
			"default", "x-go-name", "x-log":
		case "properties":
			for _, p := range m.value.members {
				if !onlyReadKeywords(p.value) {
					return false
				}
			}
		case "items", "additionalProperties":
			if !onlyReadKeywords(m.value) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

var metaSeeds = []string{
	`{"properties": {"a": {"type": "string", "maxLength": "3"}}}`,
	`{"properties": {"a": {"type": "string", "maxLength": -1}}}`,
	`{"properties": {"a": {"type": "string", "maxLength": 1.5}}}`,
	`{"properties": {"a": {"type": "string", "maxLength": -1000, "minLength": -12345678.0}}}`,
	`{"properties": {"a": {"type": "string", "maxLength": -1e30, "minLength": -0}}}`,
	`{"$id": "#'\"\u0001", "properties": {"a": {"type": "string"}}}`,
	`{"properties": {"a": {"type": "string", "maxLength": 2.0, "minLength": 1e1}}}`,
	`{"properties": {"a": {"type": "strin"}}}`,
	`{"properties": {"a": {"type": ["string","string"]}}}`,
	`{"properties": {"a": {"type": ["string","integer"]}}}`,
	`{"properties": {"a": {"type": []}}}`,
	`{"properties": {"a": {"type": 5}}}`,
	`{"properties": {"a": {"type": "string", "pattern": 5}}}`,
	`{"properties": {"a": {"type": "string", "enum": 5, "const": {"x": [1]}}}}`,
	`{"properties": {"a": {"type": "string", "deprecated": "x"}}}`,
	`{"properties": {"a": {"type": "integer", "minimum": "x", "maximum": null, "exclusiveMinimum": true, "exclusiveMaximum": []}}}`,
	`{"properties": {"a": {"type": "string", "title": 1, "description": 2, "format": 3, "$comment": 4, "examples": 5}}}`,
	`{"$id": "#foo", "properties": {"a": {"type": "string"}}}`,
	`{"$id": "http://x/y#", "properties": {"a": {"type": "string"}}}`,
	`{"$id": 5, "$schema": 6, "properties": {"a": {"type": "string"}}}`,
	`{"properties": {"a": {"type": "string"}}, "required": ["a","a"]}`,
	`{"properties": {"a": {"type": "string"}}, "required": ["a",1,"b",1.0]}`,
	`{"properties": {"a": {"type": "string"}}, "required": "a"}`,
	`{"properties": 5}`,
	`{"properties": {"a": 5, "b": true, "c": null}}`,
	`{"properties": {"a": {"type": "array", "items": 5}}}`,
	`{"properties": {"a": {"type": "array", "items": {"type": "string", "minLength": -2}, "minItems": -1, "maxItems": 0}}}`,
	`{"properties": {"a": {"type": "string"}}, "additionalProperties": 5}`,
	`{"properties": {"a": {"type": "object", "properties": {"b": {"type": 7}}, "required": [2], "additionalProperties": {"minLength": "x"}}}}`,
	`{"properties": {"a": {"x-go-name": 5, "x-log": [], "default": {}}}}`,
}

func TestMetaValidateAgreesWithLibrary(t *testing.T) {
	for _, doc := range metaSeeds {
		root, p := readDocument([]byte(doc), true)
		if p != nil {
			t.Fatalf("%s: %v", doc, p)
		}
		if got, want := own(root), oracle(t, root); !sameProblems(got, want) {
			t.Errorf("%s\n got %q\nwant %q", doc, got, want)
		}
	}
}

// FuzzMetaValidate checks metaValidate against the library on any document
// that uses only the keywords scaffold reads; on any other, a document the
// meta-schema rejects must not load.
func FuzzMetaValidate(f *testing.F) {
	for _, seed := range metaSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		root, p := readDocument([]byte(doc), true)
		if p != nil {
			return
		}
		want := oracle(t, root)
		if onlyReadKeywords(root) {
			if got := own(root); !sameProblems(got, want) {
				t.Fatalf("got %q\nwant %q", got, want)
			}
			return
		}
		if _, err := Parse("s.json", []byte(doc)); len(want) > 0 && err == nil {
			t.Fatalf("the meta-schema finds %q, but the document loads", want)
		}
	})
}
