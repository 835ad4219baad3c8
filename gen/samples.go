package gen

import (
	"encoding/json"
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

// invalidValues returns wire values for a that the schema rejects, at most
// one per message, in a stable order.
func invalidValues(a *schema.Arg) []invalidCase {
	var candidates []string
	if a.Type == schema.Array {
		candidates = append(candidates, "not json", "[", `{"a":1}`, "null", "[null]")
		if a.Item.Type.IsStringLike() {
			candidates = append(candidates, "[1]")
		} else {
			candidates = append(candidates, `["a"]`)
		}
		item := scalarInvalid(a.Item)
		for _, v := range item {
			if a.Item.Type.IsStringLike() {
				v = schema.JSON(v)
			}
			candidates = append(candidates, "["+v+"]")
		}
		if a.MinItems != nil && *a.MinItems > 0 {
			candidates = append(candidates, "[]")
		}
		if a.MaxItems != nil {
			s, _ := a.Sample()
			var items []json.RawMessage
			_ = json.Unmarshal([]byte(s), &items)
			for len(items) > 0 && int64(len(items)) <= *a.MaxItems {
				items = append(items, items[0])
			}
			b, _ := json.Marshal(items)
			candidates = append(candidates, string(b))
		}
	} else {
		candidates = scalarInvalid(&a.Scalar)
	}
	var out []invalidCase
	seen := map[string]bool{}
	for _, v := range candidates {
		msgs := a.Check(v)
		if len(msgs) == 0 || seen[v] {
			continue
		}
		msg := strings.Join(msgs, "; ")
		if slices.ContainsFunc(out, func(c invalidCase) bool { return c.msg == msg }) {
			continue
		}
		seen[v] = true
		out = append(out, invalidCase{v, msg})
	}
	return out
}

// scalarInvalid returns candidate wire values that may break s: one of the
// wrong kind, and one just past each constraint.
func scalarInvalid(s *schema.Scalar) []string {
	var c []string
	switch s.Type {
	case schema.Integer:
		c = append(c, "abc", "1.5", " 1", "")
	case schema.Number:
		c = append(c, "abc", "NaN", "")
	case schema.Boolean:
		c = append(c, "yes", "True", "")
	case schema.Duration:
		c = append(c, "soon", "10")
	case schema.DateTime:
		c = append(c, "yesterday", "2024-05-01")
	case schema.URI:
		c = append(c, "not a uri", "/relative/path")
	}
	if s.Type.IsNumeric() {
		step := 1.0
		if s.Type == schema.Number {
			step = 0.5
		}
		if b := s.Min; b != nil {
			c = append(c, formatNumber(s.Type, b.Value-step), formatNumber(s.Type, b.Value))
		}
		if b := s.Max; b != nil {
			c = append(c, formatNumber(s.Type, b.Value+step), formatNumber(s.Type, b.Value))
		}
	}
	if len(s.Enum) > 0 {
		c = append(c, "not-"+s.Enum[0].Value, strings.ToUpper(s.Enum[0].Value)+"!")
	}
	if s.Const != nil {
		c = append(c, *s.Const+"0")
	}
	if s.MinLength != nil && *s.MinLength > 0 {
		c = append(c, strings.Repeat("x", int(*s.MinLength)-1))
	}
	if s.MaxLength != nil {
		c = append(c, strings.Repeat("x", int(*s.MaxLength)+1))
	}
	if s.Pattern != "" {
		re := regexp.MustCompile(s.Pattern)
		for _, v := range []string{"!", " ", "zzzz", "0", "A", "-", "\u00e9", ""} {
			if !re.MatchString(v) {
				c = append(c, v)
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
