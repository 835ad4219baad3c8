package schema

// These tests pin S3's limits on UserArguments at the limit and one past it,
// with the numbers of internal/limitstest (AWS's documented values), not the
// package's own constants.

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/s3batchops/scaffold/internal/limitstest"
)

// parseProblems parses doc and returns its problems as "pointer: message".
func parseProblems(t *testing.T, doc string) []string {
	t.Helper()
	_, err := Parse("s.json", []byte(doc))
	if err == nil {
		return nil
	}
	probs, ok := err.(Problems)
	if !ok {
		t.Fatalf("error %v (%T), want Problems", err, err)
	}
	var out []string
	for _, p := range probs {
		out = append(out, p.Pointer+": "+p.Msg)
	}
	return out
}

func schemaOf(props map[string]any) string {
	data, _ := json.Marshal(map[string]any{"type": "object", "properties": props})
	return string(data)
}

func TestS3Limits(t *testing.T) {
	args := func(n int) string {
		props := map[string]any{}
		for i := range n {
			props[fmt.Sprintf("a%02d", i)] = map[string]any{"type": "string"}
		}
		return schemaOf(props)
	}
	str := func(kw string, n int) string {
		return schemaOf(map[string]any{"Mode": map[string]any{"type": "string", kw: strings.Repeat("é", n)}})
	}
	enum := func(n int) string {
		return schemaOf(map[string]any{"Mode": map[string]any{"type": "string", "enum": []string{"a", strings.Repeat("é", n)}}})
	}
	name := func(n int) string {
		return schemaOf(map[string]any{strings.Repeat("n", n): map[string]any{"type": "string"}})
	}
	at, past := limitstest.Arguments, limitstest.Arguments+1
	v, vp := limitstest.ArgumentValue, limitstest.ArgumentValue+1
	for _, tc := range []struct {
		name, doc string
		want      []string // every problem, exactly
	}{
		{"10 arguments", args(at), nil},
		{"11 arguments", args(past), []string{"/properties: 11 arguments, more than S3's limit of 10 (MaxArgs)"}},
		{"64-character name", name(limitstest.ArgumentName), nil},
		{"65-character name", name(limitstest.ArgumentName + 1), []string{"/properties/" + strings.Repeat("n", 65) + ": argument name is 65 characters long, more than S3's limit of 64 (MaxNameLength)"}},
		{"1,024-character default", str("default", v), nil},
		{"1,025-character default", str("default", vp), []string{"/properties/Mode/default: default is 1025 characters long as S3 sends it, more than S3's limit of 1024 (MaxValueLength)"}},
		{"1,024-character const", str("const", v), nil},
		{"1,025-character const", str("const", vp), []string{"/properties/Mode/const: const is 1025 characters long as S3 sends it, more than S3's limit of 1024 (MaxValueLength)"}},
		{"1,024-character enum value", enum(v), nil},
		{"1,025-character enum value", enum(vp), []string{"/properties/Mode/enum/1: enum value is 1025 characters long as S3 sends it, more than S3's limit of 1024 (MaxValueLength)"}},
		{"1,025-character enum value after a repeated one", schemaOf(map[string]any{"Mode": map[string]any{"type": "string", "enum": []string{"a", "a", strings.Repeat("é", vp)}}}),
			[]string{`/properties/Mode/enum/1: enum value "a" is listed twice`, "/properties/Mode/enum/2: enum value is 1025 characters long as S3 sends it, more than S3's limit of 1024 (MaxValueLength)"}},
		{"1,030-character enum value, reported once", enum(1030), []string{"/properties/Mode/enum/1: enum value is 1030 characters long as S3 sends it, more than S3's limit of 1024 (MaxValueLength)"}},
	} {
		got := parseProblems(t, tc.doc)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: problems\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}

// TestMessageTexts pins the messages the generated code shares with the
// checker (gen emits these constants as literals): both sides use the
// constants, so only literal texts here catch a change that would make both
// drift together.
func TestMessageTexts(t *testing.T) {
	for got, want := range map[string]string{
		MsgNotInteger:    "%q is not an integer",
		MsgNotNumber:     "%q is not a number",
		MsgNotBoolean:    "%q is not true or false",
		MsgNotDuration:   "%q is not a duration (write it as Go does: 90s, 15m, 1h30m)",
		MsgNotDateTime:   "%q is not an RFC 3339 date-time (such as 2024-05-01T12:00:00Z)",
		MsgNotURI:        "%q is not an absolute URI (such as https://example.com/path)",
		MsgNotArray:      "%q is not a JSON array of %ss (such as %s)",
		MsgNotInEnum:     "%q is not one of %s",
		MsgNotConst:      "%q is not the only allowed value, %q",
		MsgMinimum:       "%s is less than the minimum, %s",
		MsgExclMinimum:   "%s is not greater than %s",
		MsgMaximum:       "%s is greater than the maximum, %s",
		MsgExclMaximum:   "%s is not less than %s",
		MsgMinLength:     "%q is shorter than the minimum length, %d",
		MsgMaxLength:     "%q is longer than the maximum length, %d",
		MsgPattern:       "%q does not match the pattern %s",
		MsgMinItems:      "has %d items, fewer than %d",
		MsgMaxItems:      "has %d items, more than %d",
		MsgItem:          "item %d: %s",
		MsgNotObject:     "the key is not a JSON object",
		MsgFieldMissing:  "field %q is required but missing",
		MsgFieldUnknown:  "field %q is not a field of this task",
		MsgFieldNull:     "field %q is null",
		MsgFieldWrongKey: "field %q: want %s, not %s",
		MsgField:         "field %q: %s",
	} {
		if got != want {
			t.Errorf("message %q, want %q", got, want)
		}
	}
}
