package schema

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	shown "github.com/s3batchops/scaffold/internal/quote"
)

// Problem is one thing wrong with a schema document.
type Problem struct {
	File    string
	Pos     Pos
	Pointer string // JSON pointer of the value; "" for the whole document
	Msg     string
	Hint    string // what the user can do; may be empty

	meta bool // found by the meta-schema, less specific than scaffold's own checks
}

func (p *Problem) Error() string {
	var b strings.Builder
	// The file's name and the pointer's keys come from the user or a
	// checkout: shown as they are only when printable.
	fmt.Fprintf(&b, "%s:%s: ", shown.Name(p.File), p.Pos)
	if p.Pointer != "" {
		b.WriteString(shown.Name(p.Pointer) + ": ")
	}
	b.WriteString(p.Msg)
	if p.Hint != "" {
		b.WriteString("\n\thint: " + p.Hint)
	}
	return b.String()
}

// Problems is every problem found in one schema document, in file order.
type Problems []*Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// sorted orders ps by position, then pointer, then message, and drops
// duplicates, so that output is stable whatever order checks ran in. A
// meta-schema problem is dropped where scaffold's own check said more about
// the same value.
func (ps Problems) sorted() Problems {
	own := map[string]bool{}
	for _, p := range ps {
		if !p.meta {
			own[p.Pointer] = true
		}
	}
	ps = slices.DeleteFunc(ps, func(p *Problem) bool { return p.meta && own[p.Pointer] })
	slices.SortStableFunc(ps, func(a, b *Problem) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col),
			strings.Compare(a.Pointer, b.Pointer), strings.Compare(a.Msg, b.Msg))
	})
	return slices.CompactFunc(ps, func(a, b *Problem) bool {
		return a.Pos == b.Pos && a.Pointer == b.Pointer && a.Msg == b.Msg
	})
}

// pointer builds a JSON pointer (RFC 6901) from reference tokens.
func pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		// RFC 6901: "~" first, so that the "~1" of a "/" stays as it is.
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1"))
	}
	return b.String()
}
