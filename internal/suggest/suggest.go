// Package suggest finds the name a user most likely meant when they typed
// one that does not exist: a flag, a command, a key of scaffold.yaml, a
// schema keyword, a job argument.
//
// The generated projects' args package has its own copy of the same rule
// (templates/runtime/args/errors.go): it is copied into every project,
// which cannot import scaffold's internal packages.
package suggest

import (
	"strings"
	"unicode/utf8"
)

// Closest returns the name typed most likely meant, ignoring case, or ""
// when none is near. A name is near when it is within a third of typed's
// length in edits (two for a short one), counting a different first letter
// as one edit more (people seldom mistype the first), or when typed is an
// inflection of it (retries for retry: they agree but for the name's last
// letter, and at least three letters). Ties go to the first of names.
func Closest(typed string, names []string) string {
	limit := max(2, utf8.RuneCountInString(typed)/3)
	lower := []rune(strings.ToLower(typed))
	best, bestScore := "", limit+1
	for _, name := range names {
		n := []rune(strings.ToLower(name))
		score := distance(lower, n)
		if len(lower) > 0 && len(n) > 0 && lower[0] != n[0] {
			score++
		}
		if inflection(lower, n) {
			score = min(score, limit)
		}
		if score < bestScore {
			best, bestScore = name, score
		}
	}
	return best
}

// inflection reports whether typed starts with all of name but its last
// letter, at least three letters.
func inflection(typed, name []rune) bool {
	p := len(name) - 1
	if p < 3 || len(typed) < p {
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
