// Package suggest finds the name a user most likely meant when they typed
// one that does not exist: a flag, a command, a key of scaffold.yaml, a
// schema keyword, a job argument.
//
// The generated projects' args package has a simpler rule of its own
// (templates/runtime/args/errors.go: edit distance alone): it is copied
// into every project, which cannot import scaffold's internal packages.
package suggest

import (
	"strings"
)

// Closest returns the name typed most likely meant, ignoring case, or ""
// when none is near, or when two are equally near (a guess between them
// would mislead). A name is near when it is within a third of typed's
// length in edits (at least one), counting a different first letter as one
// edit more (people seldom mistype the first), or when typed is an
// inflection of it: all of the name but its last letter, at least three
// letters, and at most two letters more (retries for retry).
func Closest(typed string, names []string) string {
	lower := []rune(strings.ToLower(typed))
	if len(lower) == 0 {
		return ""
	}
	limit := max(1, len(lower)/3)
	best, bestScore, tie := "", limit+1, false
	for _, name := range names {
		n := []rune(strings.ToLower(name))
		score := distance(lower, n)
		if len(n) > 0 && lower[0] != n[0] {
			score++
		}
		if inflection(lower, n) {
			score = min(score, limit)
		}
		switch {
		case score < bestScore:
			best, bestScore, tie = name, score, false
		case score == bestScore && !strings.EqualFold(name, best):
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// inflection reports whether typed is name but for its last letter, and
// at most two letters more, keeping at least three of name's.
func inflection(typed, name []rune) bool {
	p := len(name) - 1
	if p < 3 || len(typed) < p || len(typed) > len(name)+2 {
		return false
	}
	for i := range p {
		if typed[i] != name[i] {
			return false
		}
	}
	return true
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(ra, rb []rune) int {
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := range ra {
		cur[0] = i + 1
		for j := range rb {
			cost := 1
			if ra[i] == rb[j] {
				cost = 0
			}
			cur[j+1] = min(prev[j+1]+1, cur[j]+1, prev[j]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
