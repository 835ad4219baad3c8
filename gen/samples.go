package gen

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/s3batchops/scaffold/schema"
)

// The generated tests need values: valid ones (schema.Arg.Sample), invalid
// ones for every constraint, and the wire form Encode gives a value. They
// are worked out here, with the schema package's own checker, so that the
// generated code is tested against a second implementation of the schema's
// meaning rather than against itself.

// invalidCase is a wire value that the schema rejects, and the message the
// generated Parse must give for it.
type invalidCase struct {
	value string
	msg   string
}

// candidate is a wire value meant to break constraint. One that must fail
// and that the checker accepts is a bug in scaffold, not a value to skip:
// the generated code's check of that constraint would go untested.
type candidate struct {
	value, constraint string
	mustFail          bool
}

// invalidValues returns wire values for a that the schema rejects, at most
// one per message, in a stable order. Every constraint of a is broken by at
// least one of them; an error names each constraint that is not, and each
// value meant to break one that the checker accepts.
func invalidValues(a *schema.Arg) ([]invalidCase, error) {
	var candidates []candidate
	constraints := scalarConstraints(&a.Scalar)
	if a.Type == schema.Array {
		constraints = []string{"type array"}
		for _, v := range []string{"not json", "[", `{"a":1}`, "null", "[null]"} {
			candidates = append(candidates, candidate{v, "type array", true})
		}
		if a.Item.Type.IsStringLike() {
			candidates = append(candidates, candidate{"[1]", "type array", true})
		} else {
			candidates = append(candidates, candidate{`["a"]`, "type array", true})
		}
		for _, c := range scalarConstraints(a.Item) {
			constraints = append(constraints, "items: "+c)
		}
		for _, c := range scalarInvalid(a.Item) {
			v := c.value
			if a.Item.Type.IsStringLike() {
				v = schema.JSON(v)
			}
			candidates = append(candidates, candidate{"[" + v + "]", "items: " + c.constraint, c.mustFail})
		}
		if a.MinItems != nil && *a.MinItems > 0 {
			constraints = append(constraints, fmt.Sprintf("minItems %d", *a.MinItems))
			candidates = append(candidates, candidate{"[]", fmt.Sprintf("minItems %d", *a.MinItems), true})
		}
		if a.MaxItems != nil {
			constraints = append(constraints, fmt.Sprintf("maxItems %d", *a.MaxItems))
			s, _ := a.Sample()
			var items []json.RawMessage
			_ = json.Unmarshal([]byte(s), &items)
			for len(items) > 0 && int64(len(items)) <= *a.MaxItems {
				items = append(items, items[0])
			}
			b, _ := json.Marshal(items)
			candidates = append(candidates, candidate{string(b), fmt.Sprintf("maxItems %d", *a.MaxItems), true})
		}
	} else {
		candidates = scalarInvalid(&a.Scalar)
	}
	return checkCandidates(a, candidates, constraints)
}

// checkCandidates keeps the candidates the checker rejects, at most one per
// message; it fails on a candidate that must fail and does not, and on a
// constraint that no candidate broke.
func checkCandidates(a *schema.Arg, candidates []candidate, constraints []string) ([]invalidCase, error) {
	var out []invalidCase
	var errs []error
	seen := map[string]bool{}
	broken := map[string]bool{}
	for _, c := range candidates {
		msgs := a.Check(c.value)
		if len(msgs) == 0 {
			if c.mustFail {
				errs = append(errs, fmt.Errorf("argument %q: %s: the schema checker accepts %q, a value meant to break it", a.Name, c.constraint, c.value))
			}
			continue
		}
		broken[c.constraint] = true
		if seen[c.value] {
			continue
		}
		msg := strings.Join(msgs, "; ")
		if slices.ContainsFunc(out, func(c invalidCase) bool { return c.msg == msg }) {
			continue
		}
		seen[c.value] = true
		out = append(out, invalidCase{c.value, msg})
	}
	for _, c := range constraints {
		if !broken[c] {
			errs = append(errs, fmt.Errorf("argument %q: %s: no invalid value to test it with", a.Name, c))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("the generated tests would not cover every constraint (a bug in scaffold): %w", err)
	}
	return out, nil
}

// scalarConstraints names what a value of s must satisfy, beyond being a
// string: its type, bounds, lengths, pattern, enum and const.
func scalarConstraints(s *schema.Scalar) []string {
	var c []string
	if s.Type != schema.String {
		c = append(c, "type "+s.Type.String())
	}
	if b := s.Min; b != nil {
		c = append(c, boundName("minimum", b)+" "+b.Text)
	}
	if b := s.Max; b != nil {
		c = append(c, boundName("maximum", b)+" "+b.Text)
	}
	if len(s.Enum) > 0 {
		c = append(c, "enum")
	}
	if s.Const != nil {
		c = append(c, "const "+*s.Const)
	}
	if s.MinLength != nil && *s.MinLength > 0 {
		c = append(c, fmt.Sprintf("minLength %d", *s.MinLength))
	}
	if s.MaxLength != nil {
		c = append(c, fmt.Sprintf("maxLength %d", *s.MaxLength))
	}
	if s.Pattern != "" {
		c = append(c, "pattern "+s.Pattern)
	}
	return c
}

// boundName is the keyword of bound b: name, or its exclusive form.
func boundName(name string, b *schema.Bound) string {
	if b.Exclusive {
		return "exclusive" + strings.ToUpper(name[:1]) + name[1:]
	}
	return name
}

// scalarInvalid returns candidate wire values that may break s: some of the
// wrong kind, one just past each constraint, and each bound itself (which
// must fail only when the bound is exclusive).
func scalarInvalid(s *schema.Scalar) []candidate {
	var c []candidate
	kind := func(vs ...string) {
		for _, v := range vs {
			c = append(c, candidate{v, "type " + s.Type.String(), true})
		}
	}
	switch s.Type {
	case schema.Integer:
		kind("abc", "1.5", " 1", "")
	case schema.Number:
		kind("abc", "NaN", "")
	case schema.Boolean:
		kind("yes", "True", "")
	case schema.Duration:
		kind("soon", "10")
	case schema.DateTime:
		kind("yesterday", "2024-05-01")
	case schema.URI:
		kind("not a uri", "/relative/path")
	}
	if s.Type.IsNumeric() {
		step := 1.0
		if s.Type == schema.Number {
			step = 0.5
		}
		if b := s.Min; b != nil {
			name := boundName("minimum", b) + " " + b.Text
			c = append(c, candidate{formatNumber(s.Type, b.Value-step), name, true}, candidate{formatNumber(s.Type, b.Value), name, b.Exclusive})
		}
		if b := s.Max; b != nil {
			name := boundName("maximum", b) + " " + b.Text
			c = append(c, candidate{formatNumber(s.Type, b.Value+step), name, true}, candidate{formatNumber(s.Type, b.Value), name, b.Exclusive})
		}
	}
	if len(s.Enum) > 0 {
		in := func(v string) bool {
			return slices.ContainsFunc(s.Enum, func(e schema.EnumValue) bool { return e.Value == v })
		}
		v := "not-" + s.Enum[0].Value
		for in(v) {
			v = "not-" + v
		}
		c = append(c, candidate{v, "enum", true})
		if v := strings.ToUpper(s.Enum[0].Value) + "!"; !in(v) {
			c = append(c, candidate{v, "enum", true})
		}
	}
	if s.Const != nil {
		// "0" appended to a number's digits can leave its value as it was
		// (0 and 00, 1.5 and 1.50): append "1" to those.
		suffix := "0"
		if s.Type.IsNumeric() {
			suffix = "1"
		}
		c = append(c, candidate{*s.Const + suffix, "const " + *s.Const, true})
	}
	if s.MinLength != nil && *s.MinLength > 0 {
		c = append(c, candidate{strings.Repeat("x", int(*s.MinLength)-1), fmt.Sprintf("minLength %d", *s.MinLength), true})
	}
	if s.MaxLength != nil {
		c = append(c, candidate{strings.Repeat("x", int(*s.MaxLength)+1), fmt.Sprintf("maxLength %d", *s.MaxLength), true})
	}
	if s.Pattern != "" {
		re := regexp.MustCompile(s.Pattern)
		for _, v := range []string{"!", " ", "zzzz", "0", "A", "-", "\u00e9", ""} {
			if !re.MatchString(v) {
				c = append(c, candidate{v, "pattern " + s.Pattern, true})
				break
			}
		}
	}
	return c
}

func formatNumber(t schema.Type, f float64) string {
	if t == schema.Integer {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
