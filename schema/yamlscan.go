package schema

import (
	"bytes"
	"fmt"
)

// scanYAML refuses, from its bytes alone, a YAML document that would make
// the YAML parser use memory or time out of proportion to its size: one
// nested deeper than MaxDepth (goccy/go-yaml keeps a path string of every
// node, so its memory grows with the square of the depth), one whose block
// mapping or sequence has more than MaxMembers entries (its parser is
// quadratic in the keys of one block mapping), or one with more than
// MaxYAMLIndicators characters that open a collection.
//
// YAML nests in three ways, and the scan follows each: by indentation (a
// line more indented than the one before is a child of it), by flow
// collections ('[' and '{'), and by compact block entries on one line
// ("- - - x", "? ? x", "- a: b"). The estimate of the depth is exact for
// the YAML people write, give or take one (a scalar on a line of its own
// counts as a level); the exact depth is checked again on the parsed tree.
// Quotes, comments and block scalars are followed so that their content does
// not count; a file crafted so that the scan reads them differently from the
// parser is still bounded, by the count of indicators and of lines at one
// indentation, which do not depend on how anything is read (boundYAML).
func scanYAML(data []byte) *Problem {
	s := yamlScanner{scalarIndent: -1}
	for line, rest := 1, data; len(rest) > 0; line++ {
		text := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			text, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if p := s.line(line, bytes.TrimSuffix(text, []byte("\r"))); p != nil {
			return p
		}
	}
	return boundYAML(data)
}

// boundYAML refuses a document with more than MaxYAMLIndicators characters
// that may open a collection, or with more than MaxMembers lines at one
// indentation with no less indented line between them (the keys of one block
// mapping, or the entries of one block sequence, are such lines). It reads
// no quote, comment or block scalar: whatever the parser makes of the file,
// these counts bound the depth it reaches and the keys of its mappings.
func boundYAML(data []byte) *Problem {
	var levels []blockLevel // columns at which lines started, innermost last
	n := 0
	line, col := 1, 1
	start := true // at the start of a line
	indent := 0
	for i, c := range data {
		switch {
		case c == '\n':
			line, col, start, indent = line+1, 1, true, 0
			continue
		case start && c == ' ':
			indent++
		case start && c != '\r' && c != '\t':
			start = false
			if c != '#' {
				for len(levels) > 0 && levels[len(levels)-1].col > indent {
					levels = levels[:len(levels)-1]
				}
				if k := len(levels); k > 0 && levels[k-1].col == indent {
					if levels[k-1].lines++; levels[k-1].lines > MaxMembers {
						return membersProblem(Pos{line, col}, "a YAML block (a mapping, a sequence, or the lines of a block scalar such as a long description: |)")
					}
				} else {
					levels = append(levels, blockLevel{col: indent, lines: 1})
				}
			}
		}
		switch c {
		case '[', '{':
			n++
		case '-', '?':
			if i+1 == len(data) || bytes.IndexByte([]byte(" \t\r\n"), data[i+1]) >= 0 {
				n++
			}
		}
		if n > MaxYAMLIndicators {
			return &Problem{Pos: Pos{line, col},
				Msg: fmt.Sprintf("more than %d of the characters that open a YAML collection ('[', '{', and '-' or '?' before a space), scaffold's limit for a schema (MaxYAMLIndicators)",
					MaxYAMLIndicators),
				Hint: "a schema of 10 arguments has a few dozen of them: " + limitHint}
		}
		col++
	}
	return nil
}

// blockLevel is a column at which lines start, with the number of lines
// that started there since a less indented one.
type blockLevel struct{ col, lines int }

type yamlScanner struct {
	block []blockLevel // open block levels, innermost last
	flow  int          // open flow collections
	quote byte         // the quote of a quoted scalar that spans lines, or 0
	// scalarIndent is the indentation of the line that began a block scalar
	// (| or >) whose content lines are being skipped, or -1.
	scalarIndent int
	// plain is set while a plain scalar may continue on the next line.
	plain bool
	// empty is set where a node may start: the YAML parser takes a quote or
	// a bracket there as the start of a quoted scalar or a collection, and
	// elsewhere as part of a plain scalar.
	empty bool
}

// line scans one line (number n, without its line break).
func (s *yamlScanner) line(n int, text []byte) *Problem {
	indent := 0
	for indent < len(text) && text[indent] == ' ' {
		indent++
	}
	rest := bytes.TrimLeft(text[indent:], " \t")
	if s.scalarIndent >= 0 {
		if len(rest) == 0 || indent > s.scalarIndent {
			return nil // content of a block scalar
		}
		s.scalarIndent = -1
	}
	empty := false
	i := indent
	switch {
	case s.quote != 0 || s.flow > 0:
		// The line continues a quoted scalar or a flow collection; it does
		// not change the block levels.
		i, empty = 0, s.empty
	case len(rest) == 0 || rest[0] == '#':
		return nil // blank or comment: no structure
	case s.plain && len(s.block) > 0 && indent > s.block[len(s.block)-1].col:
		// A more indented line after a plain scalar continues it.
	default:
		s.plain = false
		if p := s.push(n, indent); p != nil {
			return p
		}
		empty = true
	}
	for ; i < len(text); i++ {
		c := text[i]
		if s.quote != 0 {
			switch {
			case c == '\\' && s.quote == '"':
				i++
			case c == '\'' && s.quote == '\'' && i+1 < len(text) && text[i+1] == '\'':
				i++
			case c == s.quote:
				s.quote, empty = 0, true
			}
			continue
		}
		spaceAfter := i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t'
		switch {
		case c == ' ' || c == '\t':
			continue
		case c == '#' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\t'):
			i = len(text) // a comment
			continue
		case (c == '"' || c == '\'') && empty:
			s.quote = c
			continue
		case (c == '[' || c == '{') && (empty || s.flow > 0):
			s.flow++
			if s.depth() > MaxDepth+1 {
				return depthProblem(Pos{n, i + 1})
			}
			empty = true
			continue
		case (c == ']' || c == '}') && s.flow > 0:
			s.flow--
			empty = true
			continue
		case c == ',' && s.flow > 0:
			empty = true
			continue
		case c == ':' && (spaceAfter || s.flow > 0):
			empty = true
			continue
		case (c == '-' || c == '?') && spaceAfter && empty && s.flow == 0:
			// A compact entry: the node after it is one level deeper.
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
				j++
			}
			if j < len(text) && text[j] != '#' {
				if p := s.push(n, j); p != nil {
					return p
				}
			}
			i = j - 1
			continue
		case (c == '|' || c == '>') && empty && s.flow == 0:
			s.scalarIndent = indent
			i = len(text)
			continue
		}
		empty = false
	}
	s.plain = !empty && s.quote == 0 && s.flow == 0
	s.empty = empty
	return nil
}

// push records that a block node starts at column col (0-based) of line n:
// levels more indented than it are closed, and it opens a level unless it is
// one more entry of the level at its column.
func (s *yamlScanner) push(n, col int) *Problem {
	for len(s.block) > 0 && s.block[len(s.block)-1].col > col {
		s.block = s.block[:len(s.block)-1]
	}
	if k := len(s.block); k > 0 && s.block[k-1].col == col {
		return nil // one more entry of the same collection
	}
	s.block = append(s.block, blockLevel{col: col})
	if s.depth() > MaxDepth+1 {
		return depthProblem(Pos{n, col + 1})
	}
	return nil
}

func (s *yamlScanner) depth() int { return len(s.block) + s.flow }
