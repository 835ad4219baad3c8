package args

import (
	"errors"
	"testing"
)

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"kitten", "sitting", 3},
		{"flaw", "lawn", 2},
		{"Prefix", "Prefix", 0},
		{"héllo", "hello", 1}, // runes, not bytes
		{"日本", "日本語", 1},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestUnknownArgument(t *testing.T) {
	names := []string{"MyDestinationBucket", "MyDestinationPrefix", "Retries"}
	for _, tc := range []struct {
		k     string
		names []string
		want  string
	}{
		{"MyDestinationBucketx", names, `argument "MyDestinationBucketx": is not an argument of this function (did you mean "MyDestinationBucket"?)`},
		{"mydestinationprefix", names, `argument "mydestinationprefix": is not an argument of this function (did you mean "MyDestinationPrefix"?)`},
		{"Retires", names, `argument "Retires": is not an argument of this function (did you mean "Retries"?)`},
		// Three edits from "Retries" is too far for a key of five letters:
		// a third of it, or two, is the most.
		{"Retry", names, `argument "Retry": is not an argument of this function`},
		{"Colour", names, `argument "Colour": is not an argument of this function`},
		{"Anything", nil, `argument "Anything": is not an argument: this function takes none`},
	} {
		err := unknownArgument(tc.k, tc.names)
		var e *Error
		if !errors.As(err, &e) || e.Arg != tc.k || err.Error() != tc.want {
			t.Errorf("unknownArgument(%q) = %v, want %s", tc.k, err, tc.want)
		}
	}
}

func TestArgError(t *testing.T) {
	if err := argError("n", nil); err != nil {
		t.Errorf("no problems: %v, want nil", err)
	}
	err := argError("n", []string{"is below 1", "is odd"})
	if err == nil || err.Error() != `argument "n": is below 1; is odd` {
		t.Errorf("argError = %v", err)
	}
}
