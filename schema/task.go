package schema

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// MaxKeyLength is S3's limit on a manifest's key field, in characters.
const MaxKeyLength = 1024

// Messages about a task's JSON object, shared with the generated Decode.
const (
	MsgNotObject     = "the key is not a JSON object"
	MsgFieldMissing  = "field %q is required but missing"
	MsgFieldUnknown  = "field %q is not a field of this task"
	MsgFieldNull     = "field %q is null"
	MsgFieldWrongKey = "field %q: want %s, not %s"
	MsgField         = "field %q: %s"
)

// CheckTask returns what is wrong with a task's JSON object (the decoded
// key of a manifest line), or nil.
func (s *Spec) CheckTask(object string) []string {
	return checkObject(s.Args, object)
}

// checkObject checks a JSON object against fields: unknown fields, missing
// ones, values of the wrong JSON kind, and each field's constraints.
func checkObject(fields []*Arg, object string) []string {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(object), &obj); err != nil || obj == nil {
		return []string{MsgNotObject}
	}
	var probs []string
	for _, f := range fields {
		v, ok := obj[f.Name]
		if !ok {
			if f.Required {
				probs = append(probs, fmt.Sprintf(MsgFieldMissing, f.Name))
			}
			continue
		}
		wire, msg := f.wireOf(v)
		if msg != "" {
			probs = append(probs, msg)
			continue
		}
		for _, p := range f.Check(wire) {
			probs = append(probs, fmt.Sprintf(MsgField, f.Name, p))
		}
	}
	var unknown []string
	for k := range obj {
		if !slices.ContainsFunc(fields, func(f *Arg) bool { return f.Name == k }) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		probs = append(probs, fmt.Sprintf(MsgFieldUnknown, k))
	}
	return probs
}

// jsonKind names the kind of a JSON value by its first byte.
func jsonKind(v json.RawMessage) string {
	switch s := strings.TrimSpace(string(v)); {
	case s == "":
		return "nothing"
	case s[0] == '"':
		return "a string"
	case s[0] == '{':
		return "an object"
	case s[0] == '[':
		return "an array"
	case s == "true" || s == "false":
		return "a boolean"
	case s == "null":
		return "null"
	}
	return "a number"
}

// wireOf converts a field's JSON value to the string form Check reads, or
// says why its kind is wrong.
func (a *Arg) wireOf(v json.RawMessage) (string, string) {
	kind := jsonKind(v)
	want := "a string"
	switch a.Type {
	case Integer, Number:
		want = "a number"
	case Boolean:
		want = "a boolean"
	case Array:
		want = "an array"
	case Object:
		want = "an object"
	}
	if kind == "null" {
		return "", fmt.Sprintf(MsgFieldNull, a.Name)
	}
	if kind != want {
		return "", fmt.Sprintf(MsgFieldWrongKey, a.Name, want, kind)
	}
	if want == "a string" {
		var s string
		_ = json.Unmarshal(v, &s)
		return s, ""
	}
	return strings.TrimSpace(string(v)), ""
}

// sampleObject is a valid JSON object for fields, from their samples.
func sampleObject(fields []*Arg) (string, bool) {
	var parts []string
	for _, f := range fields {
		w, ok := f.Sample()
		if !ok {
			return "", false
		}
		v := w
		if f.Type.IsStringLike() {
			v = quoteJSON(w)
		}
		parts = append(parts, quoteJSON(f.Name)+":"+v)
	}
	return "{" + strings.Join(parts, ",") + "}", true
}

// SampleTask is a valid task object for s, for generated tests.
func (s *Spec) SampleTask() string {
	o, _ := sampleObject(s.Args)
	return o
}
