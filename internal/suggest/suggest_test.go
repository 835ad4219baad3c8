package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "", 3}, {"kitten", "sitting", 3},
		{"schema", "shcema", 2}, {"generate", "genrate", 1}, {"café", "cafe", 1}, {"日本", "日本語", 1},
	} {
		if got := distance([]rune(tc.a), []rune(tc.b)); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := distance([]rune(tc.b), []rune(tc.a)); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d (not symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"schema", "task-schema", "name", "module", "architecture", "no-input", "retry", "metrics", "check",
		"invocation-schema", "minimum", "minLength", "enum", "tag", "args", "manifest-file", "manifest-format", "i"}
	for _, tc := range []struct{ typed, want string }{
		{"shcema", "schema"},            // two edits: a transposition
		{"SCHEMA", "schema"},            // case is ignored
		{"architecure", "architecture"}, // a letter left out of a long name
		{"nam", "name"},
		{"noinput", "no-input"},
		{"task-shema", "task-schema"},
		{"retries", "retry"}, // an inflection, over metrics two edits away but for its first letter
		{"chek", "check"},
		{"name2", "name"},
		{"minLenght", "minLength"},
		{"moduleeeee", ""},             // four edits, over a third of ten, and too long for an inflection
		{"schema-version", ""},         // schema and much more is no inflection of it
		{"minimumLength", "minLength"}, // four edits in thirteen letters
		{"enumNames", ""},
		{"etag", ""},         // tag is one edit away, but the first letter makes two: too many for four letters
		{"arn", ""},          // two edits from args, one allowed
		{"manifest-fmt", ""}, // as near to manifest-file as to manifest-format: no guess
		{"😀", ""},            // one character is near nothing
		{"x", ""},
		{"zzz", ""},  // nothing near
		{"arch", ""}, // a prefix is 8 edits from architecture
		{"xetry", ""},
		{"re", ""},
		{"", ""}, // nothing typed, nothing meant
	} {
		if got := Closest(tc.typed, names); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.typed, got, tc.want)
		}
	}
	if got := Closest("x", nil); got != "" {
		t.Errorf("Closest with no names = %q, want \"\"", got)
	}
}
