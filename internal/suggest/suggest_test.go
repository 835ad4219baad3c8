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
	names := []string{"schema", "task-schema", "name", "module", "architecture", "no-input", "retry", "metrics", "check"}
	for _, tc := range []struct{ typed, want string }{
		{"shcema", "schema"},            // two edits: a transposition
		{"SCHEMA", "schema"},            // case is ignored
		{"architecure", "architecture"}, // a letter left out of a long name
		{"nam", "name"},
		{"noinput", "no-input"},
		{"task-shema", "task-schema"},
		{"retries", "retry"},     // an inflection, over metrics two edits away but for its first letter
		{"moduleeeee", "module"}, // module and more
		{"chek", "check"},
		{"zzz", ""},        // nothing near
		{"arch", ""},       // a prefix is 8 edits from architecture
		{"xetry", "retry"}, // one edit, and one more for the first letter: still near
		{"re", ""},         // three edits from retry
		{"name2", "name"},
		{"", ""}, // an empty name is near only empty names
	} {
		if got := Closest(tc.typed, names); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.typed, got, tc.want)
		}
	}
	if got := Closest("x", nil); got != "" {
		t.Errorf("Closest with no names = %q, want \"\"", got)
	}
}
