package schema

import (
	"encoding/json"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

const metaSchemaURL = "https://json-schema.org/draft/2020-12/schema"

// simpleTypes are the values the meta-schema allows in type.
const simpleTypes = "'array', 'boolean', 'integer', 'null', 'number', 'object', 'string'"

// metaValidate checks what the draft 2020-12 meta-schema says about the
// keywords scaffold reads: that each has a value of the right kind
// (minLength a non-negative integer, required an array of unique strings,
// ...), worded as the santhosh-tekuri/jsonschema library words it. The
// library is not linked into scaffold: its package init and the
// meta-schema's compilation cost more than the rest of `scaffold new`'s
// start-up, and every command paid them. meta_test.go keeps it as the
// oracle these checks must agree with. Keywords scaffold does not support
// are reported by its own checks, so their values are not looked into
// here. The checks that follow are scaffold's own.
func (c *checker) metaValidate(root *node) {
	c.metaSchema(root, nil)
}

// metaSchema checks the keywords of n, a schema (an object or a boolean)
// at loc.
func (c *checker) metaSchema(n *node, loc []string) {
	switch n.kind {
	case kindBool:
		return
	case kindObject:
	default:
		c.metaAt(n, loc, "got %s, want boolean or object", n.kind)
		return
	}
	for _, m := range n.members {
		v, at := m.value, append(loc[:len(loc):len(loc)], m.key)
		switch m.key {
		case "$id":
			if c.metaKind(v, at, kindString) && strings.Contains(strings.TrimSuffix(v.str, "#"), "#") {
				c.metaAt(v, at, "%s does not match pattern '^[^#]*#?$'", quote(v.str))
			}
		case "$schema", "$comment", "title", "description", "format", "pattern":
			c.metaKind(v, at, kindString)
		case "enum", "examples":
			c.metaKind(v, at, kindArray)
		case "deprecated":
			c.metaKind(v, at, kindBool)
		case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
			c.metaKind(v, at, kindNumber)
		case "minLength", "maxLength", "minItems", "maxItems":
			c.metaNonNegativeInteger(v, at)
		case "type":
			c.metaType(v, at)
		case "required":
			c.metaRequired(v, at)
		case "properties":
			if c.metaKind(v, at, kindObject) {
				for _, p := range v.members {
					c.metaSchema(p.value, append(at[:len(at):len(at)], p.key))
				}
			}
		case "items", "additionalProperties":
			c.metaSchema(v, at)
		}
	}
}

// metaKind reports v unless it is of kind want.
func (c *checker) metaKind(v *node, loc []string, want valueKind) bool {
	if v.kind == want {
		return true
	}
	c.metaAt(v, loc, "got %s, want %s", v.kind, want)
	return false
}

// metaNonNegativeInteger checks the meta-schema's nonNegativeInteger: a
// number with no fraction (2.0 is one), at least 0.
func (c *checker) metaNonNegativeInteger(v *node, loc []string) {
	if v.kind != kindNumber {
		c.metaAt(v, loc, "got %s, want integer", v.kind)
		return
	}
	r, ok := new(big.Rat).SetString(string(v.num))
	switch {
	case !ok || !r.IsInt():
		c.metaAt(v, loc, "got number, want integer")
	case r.Sign() < 0:
		c.metaAt(v, loc, "minimum: got %s, want 0", v.num)
	}
}

// metaType checks type: one of the simple types, or a non-empty array of
// unique ones. The meta-schema's anyOf is reported by its first
// alternative, as metaValidate always reported an anyOf.
func (c *checker) metaType(v *node, loc []string) {
	valid := func(n *node) bool {
		return n.kind == kindString && strings.Contains(simpleTypes, "'"+n.str+"'")
	}
	ok := valid(v)
	if v.kind == kindArray {
		ok = len(v.items) > 0 && !slices.ContainsFunc(v.items, func(n *node) bool { return !valid(n) })
		if ok {
			_, j := uniqueItems(v)
			ok = j < 0
		}
	}
	if !ok {
		c.metaAt(v, loc, "value must be one of %s", simpleTypes)
	}
}

// metaRequired checks required: an array of unique strings.
func (c *checker) metaRequired(v *node, loc []string) {
	if !c.metaKind(v, loc, kindArray) {
		return
	}
	for i, it := range v.items {
		c.metaKind(it, append(loc[:len(loc):len(loc)], strconv.Itoa(i)), kindString)
	}
	if i, j := uniqueItems(v); j >= 0 {
		c.metaAt(v, loc, "items at %d and %d are equal", i, j)
	}
}

// uniqueItems returns the first pair of equal items of array n, as JSON
// Schema compares them, the later one first by place; -1, -1 when all are
// unique. Each item is reduced to a key once, so that an array of
// MaxMembers items costs a map of them, not a million comparisons.
func uniqueItems(n *node) (i, j int) {
	seen := make(map[string]int, len(n.items))
	var b strings.Builder
	for j, it := range n.items {
		b.Reset()
		equalityKey(&b, it)
		if i, ok := seen[b.String()]; ok {
			return i, j
		}
		seen[b.String()] = j
	}
	return -1, -1
}

// equalityKey writes a key of n that two values share exactly when JSON
// Schema calls them equal: numbers by value (1 and 1.0 are equal), objects
// whatever their members' order.
func equalityKey(b *strings.Builder, n *node) {
	switch n.kind {
	case kindNull:
		b.WriteString("n")
	case kindBool:
		b.WriteString(strconv.FormatBool(n.boolean))
	case kindString:
		b.WriteString(strconv.Quote(n.str))
	case kindNumber:
		b.WriteString("#" + numberKey(n.num))
	case kindArray:
		b.WriteString("[")
		for _, it := range n.items {
			equalityKey(b, it)
			b.WriteString(",")
		}
		b.WriteString("]")
	case kindObject:
		members := make([]string, len(n.members))
		for i, m := range n.members {
			var mb strings.Builder
			mb.WriteString(strconv.Quote(m.key) + ":")
			equalityKey(&mb, m.value)
			members[i] = mb.String()
		}
		slices.Sort(members)
		b.WriteString("{" + strings.Join(members, ",") + "}")
	}
}

// maxExponentDigits bounds the exponent of a number compared by value:
// 1e999999999 as a fraction would take gigabytes. A longer exponent is
// compared as written.
const maxExponentDigits = 4

// numberKey is num's value as a reduced fraction, or num as written when its
// exponent is too long to expand.
func numberKey(num json.Number) string {
	s := string(num)
	if e := strings.IndexAny(s, "eE"); e >= 0 && len(strings.TrimLeft(s[e+1:], "+-")) > maxExponentDigits {
		return s
	}
	if r, ok := new(big.Rat).SetString(s); ok {
		return r.RatString()
	}
	return s
}

// quote quotes s as the library does: Go's escapes in single quotes.
func quote(s string) string {
	s = strconv.Quote(s)
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s[1:len(s)-1] + "'"
}

// metaAt reports a meta-schema problem at the value v, which is at loc.
func (c *checker) metaAt(v *node, loc []string, format string, args ...any) {
	c.add(v.pos, pointer(loc...), "see https://json-schema.org/draft/2020-12/json-schema-validation",
		"not valid JSON Schema: "+format, args...)
	c.problems[len(c.problems)-1].meta = true
}
