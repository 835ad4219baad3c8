package args

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is what is wrong with one argument. Parse returns every Error it
// finds, joined with errors.Join; use errors.As to find one.
type Error struct {
	Arg string // the argument's name, as S3 sends it
	Msg string // what is wrong, such as "abc" is not an integer
}

func (e *Error) Error() string {
	return fmt.Sprintf("argument %q: %s", e.Arg, e.Msg)
}

// argError returns an *Error listing probs, or nil when there are none.
func argError(name string, probs []string) error {
	if len(probs) == 0 {
		return nil
	}
	return &Error{Arg: name, Msg: strings.Join(probs, "; ")}
}

// unknownArgument is the error for a key that is not one of names, the
// arguments: it names the closest of them, if one is close.
func unknownArgument(k string, names []string) error {
	if len(names) == 0 {
		return &Error{Arg: k, Msg: "is not an argument: this function takes none"}
	}
	msg := "is not an argument of this function"
	if c := closest(k, names); c != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", c)
	}
	return &Error{Arg: k, Msg: msg}
}

// closest returns the name nearest to k, ignoring case, or "" when none is
// within a third of k's length (two edits for a short k).
func closest(k string, names []string) string {
	best, bestDist := "", max(2, utf8.RuneCountInString(k)/3)+1
	for _, name := range names {
		if d := editDistance(strings.ToLower(k), strings.ToLower(name)); d < bestDist {
			best, bestDist = name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := range ra {
		cur := make([]int, len(prev))
		cur[0] = i + 1
		for j := range rb {
			cost := 1
			if ra[i] == rb[j] {
				cost = 0
			}
			cur[j+1] = min(prev[j+1]+1, cur[j]+1, prev[j]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
