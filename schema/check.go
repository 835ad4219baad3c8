package schema

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/internal/s3rules"
	"github.com/s3batchops/scaffold/internal/suggest"
)

// checker turns a document into a Spec, collecting every problem on the way
// rather than stopping at the first.
type checker struct {
	file     string
	problems Problems
	// task is set for a task schema: the JSON object in each manifest key,
	// whose values are JSON values and which may nest objects one level.
	task bool
}

func (c *checker) add(pos Pos, ptr, hint, format string, args ...any) {
	c.problems = append(c.problems, &Problem{File: c.file, Pos: pos, Pointer: ptr,
		Msg: fmt.Sprintf(format, args...), Hint: hint})
}

var (
	rootKeywords = []string{"$schema", "$id", "$comment", "title", "description", "type",
		"properties", "required", "additionalProperties"}
	argKeywords = []string{"$comment", "type", "format", "enum", "const", "default", "title",
		"description", "deprecated", "examples", "pattern", "minimum", "maximum",
		"exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
		"items", "x-go-name", "x-log"}
	itemKeywords = []string{"$comment", "type", "format", "enum", "pattern", "minimum", "maximum",
		"exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength"}
	formats = map[string]Type{"duration": Duration, "date-time": DateTime, "uri": URI}
)

func (c *checker) spec(root *node) *Spec {
	spec := &Spec{}
	if root.kind != kindObject {
		c.add(root.pos, "", `write {"type": "object", "properties": {...}}`,
			"the schema must be an object, not %s", root.kind)
		return spec
	}
	c.keywords(root, "", rootKeywords, "at the top level")
	spec.Title, _ = c.str(root, "", "title")
	spec.Description, _ = c.str(root, "", "description")
	if m := root.get("$schema"); m != nil && m.value.kind == kindString &&
		strings.TrimSuffix(m.value.str, "#") != metaSchemaURL {
		c.add(m.value.pos, "/$schema", `use "`+metaSchemaURL+`", or leave $schema out`,
			"scaffold reads JSON Schema draft 2020-12, not %q", m.value.str)
	}
	if m := root.get("type"); m != nil && !(m.value.kind == kindString && m.value.str == "object") {
		c.add(m.value.pos, "/type", `write "type": "object"`, "the schema's type must be \"object\"")
	}
	if m := root.get("additionalProperties"); m != nil && !(m.value.kind == kindBool && !m.value.boolean) {
		c.add(m.value.pos, "/additionalProperties", "remove it: the generated Parse rejects unknown arguments anyway",
			"additionalProperties may only be false")
	}
	props := root.get("properties")
	if props == nil || props.value.kind != kindObject {
		if props == nil && root.get("required") != nil {
			c.add(root.pos, "", "add a properties object", "required names arguments, but there are no properties")
		}
		return spec
	}
	if n := len(props.value.members); n > MaxArgs && !c.task {
		c.add(props.keyPos, "/properties", "S3 Batch Operations accepts at most 10 UserArguments; combine some, such as several flags in one array",
			"%d arguments, more than S3's limit of %d (MaxArgs)", n, MaxArgs)
	}
	spec.Args = c.fields(root, "", props.value, 0)
	c.names(spec.Args)
	return spec
}

// fields reads the properties of an object (the root's, or a nested
// object's in a task schema) at pointer base.
func (c *checker) fields(obj *node, base string, props *node, depth int) []*Arg {
	required := c.required(obj, base, props)
	var out []*Arg
	for _, m := range props.members {
		if a := c.arg(m, base, required[m.key], depth); a != nil {
			out = append(out, a)
		}
	}
	return out
}

// required returns the set of names listed in an object's required.
func (c *checker) required(root *node, base string, props *node) map[string]bool {
	set := map[string]bool{}
	m := root.get("required")
	if m == nil || m.value.kind != kindArray {
		return set
	}
	for i, it := range m.value.items {
		if it.kind != kindString {
			continue // the meta-schema reports it
		}
		if props.get(it.str) == nil {
			c.add(it.pos, base+pointer("required", strconv.Itoa(i)), "add it to properties or remove it from required",
				"required argument %q is not in properties", it.str)
		}
		set[it.str] = true
	}
	return set
}

// keywords reports every member of n that is not in allowed.
func (c *checker) keywords(n *node, ptr string, allowed []string, where string) {
	for _, m := range n.members {
		if slices.Contains(allowed, m.key) {
			continue
		}
		hint := "scaffold supports " + strings.Join(allowed, ", ") + " here"
		extension := strings.HasPrefix(m.key, "x-")
		const extensions = "x-go-name and x-log are the only extensions scaffold reads"
		if extension {
			hint = "remove it: " + extensions
		}
		// A keyword the object already has is not the one meant.
		if k := suggest.Closest(m.key, allowed); k != "" && n.get(k) == nil {
			if extension {
				hint = extensions
			}
			hint = fmt.Sprintf("did you mean %q? %s", k, hint)
		}
		c.add(m.keyPos, ptr+pointer(m.key), hint, "keyword %q is not supported %s", m.key, where)
	}
}

// str returns the string member key of n, if present and a string.
func (c *checker) str(n *node, ptr, key string) (string, bool) {
	m := n.get(key)
	if m == nil || m.value.kind != kindString {
		return "", false
	}
	return m.value.str, true
}

func (c *checker) arg(m member, base string, required bool, depth int) *Arg {
	ptr := base + pointer("properties", m.key)
	a := &Arg{Name: m.key, Pos: m.keyPos, Pointer: ptr, Required: required}
	switch n := utf8.RuneCountInString(m.key); {
	case n == 0:
		c.add(m.keyPos, ptr, "name the argument", "an argument name must not be empty")
	case n > MaxNameLength && !c.task:
		c.add(m.keyPos, ptr, "shorten the name", "argument name is %d characters long, more than S3's limit of %d (MaxNameLength)", n, MaxNameLength)
	case s3rules.HasControl(m.key) && !c.task:
		c.add(m.keyPos, ptr, "rename the argument", "argument name %q has control characters, which S3 Control's pattern for UserArguments refuses", m.key)
	}
	n := m.value
	if n.kind != kindObject {
		c.add(n.pos, ptr, `describe it with an object such as {"type": "string"}`, "argument %q must be an object, not %s", m.key, n.kind)
		return nil
	}
	if t := n.get("type"); c.task && t != nil && t.value.kind == kindString && t.value.str == "object" {
		return c.object(m, n, a, depth)
	}
	c.keywords(n, ptr, argKeywords, "in an argument")
	a.Title, _ = c.str(n, ptr, "title")
	a.Description, _ = c.str(n, ptr, "description")
	if d := n.get("deprecated"); d != nil && d.value.kind == kindBool {
		a.Deprecated = d.value.boolean
	}
	if l := n.get("x-log"); l != nil && l.value.kind == kindBool {
		a.Log = l.value.boolean
	} else if l != nil {
		c.add(l.value.pos, ptr+"/x-log", "write true to let the function log the value, or leave it out", "x-log must be true or false")
	}
	if !c.typ(n, ptr, &a.Scalar, true) {
		return nil
	}
	if c.task {
		if mm := n.get("default"); mm != nil {
			c.add(mm.keyPos, ptr+"/default", "remove it, and make the field required or handle its absence",
				"default is not supported in a task schema: each manifest key carries its own values")
			return nil
		}
	}
	if a.Type == Array {
		c.arrayArg(n, ptr, a)
	} else {
		for _, k := range []string{"minItems", "maxItems", "items"} {
			if mm := n.get(k); mm != nil {
				c.add(mm.keyPos, ptr+pointer(k), "remove it, or make the argument an array", "%s applies to arrays, not to %s", k, a.Type)
			}
		}
	}
	c.constraints(n, ptr, &a.Scalar)
	if a.Type == String {
		c.enum(n, ptr, &a.Scalar, a.Check)
	} else if mm := n.get("enum"); mm != nil {
		c.add(mm.keyPos, ptr+"/enum", "use minimum and maximum for numbers, or make the argument a string", "enum is supported for string arguments, not %s", a.Type)
	}
	if mm := n.get("const"); mm != nil {
		if a.Type == Array {
			c.add(mm.keyPos, ptr+"/const", "remove it", "const is not supported for arrays")
		} else if w, ok := c.wire(a, mm.value, ptr+"/const"); ok {
			a.Const = &w
			c.fits(a, w, mm.value.pos, ptr+"/const", "const")
		}
	}
	if mm := n.get("default"); mm != nil {
		if w, ok := c.wire(a, mm.value, ptr+"/default"); ok {
			a.Default = &w
			c.fits(a, w, mm.value.pos, ptr+"/default", "default")
		}
		if required {
			c.add(mm.keyPos, ptr+"/default", "remove the default, or remove the argument from required",
				"a required argument's default is never used")
		}
	}
	if mm := n.get("examples"); mm != nil && mm.value.kind == kindArray {
		for i, it := range mm.value.items {
			p := fmt.Sprintf("%s/examples/%d", ptr, i)
			if w, ok := c.wire(a, it, p); ok {
				a.Examples = append(a.Examples, w)
				c.fits(a, w, it.pos, p, "example")
			}
		}
	}
	if mm := n.get("x-go-name"); mm != nil && mm.value.kind == kindString {
		if err := CheckGoName(mm.value.str); err != nil {
			c.add(mm.value.pos, ptr+"/x-go-name", "use an exported Go identifier such as MyBucket", "x-go-name %v", err)
		} else {
			a.GoName = mm.value.str
		}
	} else if mm != nil {
		c.add(mm.value.pos, ptr+"/x-go-name", "write the Go name as a string", "x-go-name must be a string")
	}
	if a.GoName == "" {
		name, err := GoName(a.Name)
		if err != nil {
			c.add(m.keyPos, ptr, `choose one with "x-go-name": "MyName"`, "cannot make a Go name: %v", err)
			return nil
		}
		a.GoName = name
	}
	// A pattern's argument needs a valid example or default: said at once,
	// beside a bad default or example, not only once they are fixed.
	hasPattern := a.Pattern != "" || a.Item != nil && a.Item.Pattern != ""
	if _, ok := a.Sample(); !ok && len(c.problems) == 0 || hasPattern && !hasValidSample(a) {
		c.add(m.keyPos, ptr, `add "examples": [...] with a value that matches`, MsgNoSample)
	}
	return a
}

// hasValidSample reports whether a has an example or a default that it
// accepts, or a value made to fit its constraints.
func hasValidSample(a *Arg) bool {
	for _, w := range a.Examples {
		if len(a.Check(w)) == 0 {
			return true
		}
	}
	if a.Default != nil && len(a.Check(*a.Default)) == 0 {
		return true
	}
	made := *a
	made.Examples, made.Default = nil, nil
	_, ok := made.Sample()
	return ok
}

// objectKeywords are those of a nested object in a task schema.
var objectKeywords = []string{"$comment", "type", "title", "description", "properties", "required", "additionalProperties", "x-go-name"}

// object reads a field of a task schema that is itself an object, one
// level deep.
func (c *checker) object(m member, n *node, a *Arg, depth int) *Arg {
	a.Type = Object
	if depth > 0 {
		c.add(n.get("type").value.pos, a.Pointer+"/type", "flatten the object into its parent's fields",
			"objects may nest only one level deep in a task schema")
		return nil
	}
	c.keywords(n, a.Pointer, objectKeywords, "in an object")
	a.Title, _ = c.str(n, a.Pointer, "title")
	a.Description, _ = c.str(n, a.Pointer, "description")
	if mm := n.get("additionalProperties"); mm != nil && !(mm.value.kind == kindBool && !mm.value.boolean) {
		c.add(mm.value.pos, a.Pointer+"/additionalProperties", "remove it: the generated Decode rejects unknown fields anyway",
			"additionalProperties may only be false")
	}
	if mm := n.get("x-go-name"); mm != nil && mm.value.kind == kindString {
		if err := CheckGoName(mm.value.str); err != nil {
			c.add(mm.value.pos, a.Pointer+"/x-go-name", "use an exported Go identifier such as MyBucket", "x-go-name %v", err)
		} else {
			a.GoName = mm.value.str
		}
	}
	if a.GoName == "" {
		name, err := GoName(a.Name)
		if err != nil {
			c.add(m.keyPos, a.Pointer, `choose one with "x-go-name": "MyName"`, "cannot make a Go name: %v", err)
			return nil
		}
		a.GoName = name
	}
	props := n.get("properties")
	if props == nil || props.value.kind != kindObject || len(props.value.members) == 0 {
		c.add(n.pos, a.Pointer, `add "properties": {...}`, "an object field needs properties")
		return nil
	}
	a.Fields = c.fields(n, a.Pointer, props.value, depth+1)
	c.fieldNames(a.Fields)
	for _, f := range a.Fields {
		if f.IsEnum() {
			c.add(f.Pos, f.Pointer+"/enum", "move the field to the top level, or use a pattern", "enum is not supported in a nested object")
		}
	}
	return a
}

// typ reads type and format into s. It reports false when the argument
// cannot be modelled, so that no further checks pile up on it.
func (c *checker) typ(n *node, ptr string, s *Scalar, allowArray bool) bool {
	m := n.get("type")
	if m == nil {
		c.add(n.pos, ptr, `add "type": "string" (or integer, number, boolean, array)`, "the argument has no type")
		return false
	}
	if m.value.kind != kindString {
		if m.value.kind == kindArray {
			c.add(m.value.pos, ptr+"/type", "choose one type; to make an argument optional, leave it out of required", "a list of types is not supported")
		}
		return false
	}
	switch t := m.value.str; t {
	case "string":
		s.Type = String
	case "integer":
		s.Type = Integer
	case "number":
		s.Type = Number
	case "boolean":
		s.Type = Boolean
	case "array":
		if !allowArray {
			c.add(m.value.pos, ptr+"/type", "use string, integer, number or boolean items", "arrays of arrays are not supported")
			return false
		}
		s.Type = Array
	default:
		hint := "use string, integer, number, boolean or array: S3 sends every argument as a string"
		types := []string{"string", "integer", "number", "boolean", "array"}
		if c.task {
			hint = "use string, integer, number, boolean, array or object"
			types = append(types, "object")
		}
		if k := suggest.Closest(t, types); k != "" {
			hint = fmt.Sprintf("did you mean %q? %s", k, hint)
		}
		c.add(m.value.pos, ptr+"/type", hint, "type %q is not supported", t)
		return false
	}
	if f := n.get("format"); f != nil && f.value.kind == kindString {
		ft, ok := formats[f.value.str]
		switch {
		case s.Type != String:
			c.add(f.keyPos, ptr+"/format", "remove it", "format applies to strings, not to %s", s.Type)
		case !ok:
			c.add(f.value.pos, ptr+"/format", "use duration, date-time or uri, or a pattern", "format %q is not supported", f.value.str)
		case c.task && ft == Duration:
			c.add(f.value.pos, ptr+"/format", "use an integer of seconds, or a string with a pattern", "format duration is not supported in a task schema")
		default:
			s.Type = ft
		}
	}
	return true
}

func (c *checker) arrayArg(n *node, ptr string, a *Arg) {
	a.MinItems = c.count(n, ptr, "minItems")
	a.MaxItems = c.count(n, ptr, "maxItems")
	if a.MinItems != nil && a.MaxItems != nil && *a.MinItems > *a.MaxItems {
		c.add(n.get("minItems").value.pos, ptr+"/minItems", "lower minItems or raise maxItems", "minItems is greater than maxItems")
	}
	it := n.get("items")
	if it == nil || it.value.kind != kindObject {
		c.add(n.pos, ptr, `add "items": {"type": "string"}`, "an array argument needs items with a type")
		a.Item = &Scalar{Type: String}
		return
	}
	iptr := ptr + "/items"
	c.keywords(it.value, iptr, itemKeywords, "in items")
	a.Item = &Scalar{}
	if !c.typ(it.value, iptr, a.Item, false) {
		a.Item.Type = String
		return
	}
	if c.task && a.Item.Type != String && a.Item.Type.IsStringLike() {
		c.add(it.value.get("format").keyPos, iptr+"/format", "use plain strings with a pattern", "format is not supported in the items of a task schema")
		a.Item.Type = String
	}
	c.constraints(it.value, iptr, a.Item)
	switch m := it.value.get("enum"); {
	case m == nil:
	case a.Item.Type != String:
		c.add(m.keyPos, iptr+"/enum", "make the items strings", "enum is supported for string items, not %s", a.Item.Type)
	case c.task:
		c.add(m.keyPos, iptr+"/enum", "use a pattern", "enum is not supported in the items of a task schema")
	default:
		c.enum(it.value, iptr, a.Item, func(w string) []string { return a.Item.check(w) })
	}
}

// count reads a non-negative integer keyword such as minItems.
func (c *checker) count(n *node, ptr, key string) *int64 {
	m := n.get(key)
	if m == nil || m.value.kind != kindNumber {
		return nil
	}
	v, err := strconv.ParseInt(m.value.num.String(), 10, 64)
	if err != nil || v < 0 {
		return nil // the meta-schema reports it
	}
	return &v
}

// constraints reads the keywords that limit a single value.
func (c *checker) constraints(n *node, ptr string, s *Scalar) {
	for _, k := range []string{"pattern", "minLength", "maxLength"} {
		if m := n.get(k); m != nil && !s.Type.IsStringLike() {
			c.add(m.keyPos, ptr+pointer(k), "remove it", "%s applies to strings, not to %s", k, s.Type)
		}
	}
	for _, k := range []string{"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"} {
		if m := n.get(k); m != nil && !s.Type.IsNumeric() {
			c.add(m.keyPos, ptr+pointer(k), "remove it", "%s applies to integers and numbers, not to %s", k, s.Type)
		}
	}
	if s.Type.IsStringLike() {
		if m := n.get("pattern"); m != nil && m.value.kind == kindString {
			if re, err := regexp.Compile(m.value.str); err != nil {
				c.add(m.value.pos, ptr+"/pattern", "write the pattern in Go's RE2 syntax (no lookaround or backreferences)", "pattern does not compile: %v", err)
			} else {
				s.Pattern, s.re = m.value.str, re
			}
		}
		s.MinLength = c.count(n, ptr, "minLength")
		s.MaxLength = c.count(n, ptr, "maxLength")
		if s.MinLength != nil && s.MaxLength != nil && *s.MinLength > *s.MaxLength {
			c.add(n.get("minLength").value.pos, ptr+"/minLength", "lower minLength or raise maxLength", "minLength is greater than maxLength")
		}
	}
	if s.Type.IsNumeric() {
		s.Min = c.bound(n, ptr, s.Type, "minimum", "exclusiveMinimum")
		s.Max = c.bound(n, ptr, s.Type, "maximum", "exclusiveMaximum")
		if s.Min != nil && s.Max != nil && (s.Min.Value > s.Max.Value ||
			s.Min.Value == s.Max.Value && (s.Min.Exclusive || s.Max.Exclusive)) {
			c.add(n.pos, ptr, "check minimum and maximum", "no value lies between the minimum and the maximum")
		}
	}
}

// bound reads one side of a numeric range.
func (c *checker) bound(n *node, ptr string, t Type, incl, excl string) *Bound {
	mi, me := n.get(incl), n.get(excl)
	if mi != nil && me != nil {
		c.add(me.keyPos, ptr+pointer(excl), "keep only one of them", "both %s and %s are given", incl, excl)
		return nil
	}
	m, exclusive := mi, false
	if m == nil {
		m, exclusive = me, true
	}
	if m == nil || m.value.kind != kindNumber {
		return nil
	}
	key := incl
	if exclusive {
		key = excl
	}
	f, err := strconv.ParseFloat(m.value.num.String(), 64)
	if err != nil || math.IsInf(f, 0) {
		c.add(m.value.pos, ptr+pointer(key), "use a smaller number", "%s is out of range", key)
		return nil
	}
	text := formatFloat(f)
	if t == Integer {
		if f != math.Trunc(f) || math.Abs(f) > 1<<62 {
			c.add(m.value.pos, ptr+pointer(key), "use a whole number", "%s of an integer argument must be a whole number in range", key)
			return nil
		}
		text = strconv.FormatInt(int64(f), 10)
	}
	return &Bound{Text: text, Value: f, Exclusive: exclusive}
}

// enum reads the values of a string enum, of an argument or of an array's
// items (s), and checks each value with check against the other
// constraints. Their constants are named with the other Go names.
func (c *checker) enum(n *node, ptr string, s *Scalar, check func(wire string) []string) {
	m := n.get("enum")
	if m == nil || m.value.kind != kindArray {
		return
	}
	seen := map[string]bool{}
	var index []int // the place in the list of each value of s.Enum
	for i, it := range m.value.items {
		p := fmt.Sprintf("%s/enum/%d", ptr, i)
		if it.kind != kindString {
			c.add(it.pos, p, "quote the value", "enum values of a string argument must be strings, not %s", it.kind)
			continue
		}
		if seen[it.str] {
			c.add(it.pos, p, "remove the repeated value", "enum value %q is listed twice", it.str)
			continue
		}
		seen[it.str] = true
		s.Enum = append(s.Enum, EnumValue{Value: it.str})
		index = append(index, i)
	}
	if len(s.Enum) == 0 {
		c.add(m.value.pos, ptr+"/enum", "list at least one value", "enum is empty")
		return
	}
	// Check each value against S3's limit, once, and the other constraints,
	// without the enum itself.
	values := s.Enum
	s.Enum = nil
	for j, e := range values {
		i := index[j]
		pos, p := m.value.items[i].pos, fmt.Sprintf("%s/enum/%d", ptr, i)
		if n := utf8.RuneCountInString(e.Value); n > MaxValueLength && !c.task {
			c.add(pos, p, "shorten the value", "enum value is %d characters long as S3 sends it, more than S3's limit of %d (MaxValueLength)", n, MaxValueLength)
		}
		if s3rules.HasControl(e.Value) && !c.task {
			c.add(pos, p, "remove the control characters", "enum value %q has control characters, which S3 Control's pattern for UserArguments refuses: a job could never send it", e.Value)
		}
		for _, prob := range check(e.Value) {
			c.add(pos, p, "make the value fit the argument's own constraints", "enum value %s", prob)
		}
	}
	s.Enum = values
}

// wire converts a JSON value in the schema (a default, const or example) to
// the string S3 would send for it.
func (c *checker) wire(a *Arg, v *node, ptr string) (string, bool) {
	bad := func(want string) (string, bool) {
		c.add(v.pos, ptr, "write the value as JSON of the argument's type", "want %s for %s argument, not %s", want, article(a.Type), v.kind)
		return "", false
	}
	switch a.Type {
	case Integer:
		if v.kind != kindNumber {
			return bad("an integer")
		}
		if _, err := strconv.ParseInt(v.num.String(), 10, 64); err != nil {
			return bad("an integer")
		}
		return v.num.String(), true
	case Number:
		if v.kind != kindNumber {
			return bad("a number")
		}
		f, _ := strconv.ParseFloat(v.num.String(), 64)
		return formatFloat(f), true
	case Boolean:
		if v.kind != kindBool {
			return bad("true or false")
		}
		return strconv.FormatBool(v.boolean), true
	case Array:
		if v.kind != kindArray {
			return bad("an array")
		}
		for _, it := range v.items {
			if a.Item.Type.IsStringLike() != (it.kind == kindString) || (a.Item.Type == Boolean) != (it.kind == kindBool) {
				return bad("an array of " + a.Item.Type.String() + "s")
			}
		}
		return v.encodeJSON(), true
	}
	if v.kind != kindString {
		return bad("a string")
	}
	return v.str, true
}

// fits reports the ways wire does not fit a, and a wire string too long for S3.
func (c *checker) fits(a *Arg, wire string, pos Pos, ptr, what string) {
	if n := utf8.RuneCountInString(wire); n > MaxValueLength && !c.task {
		c.add(pos, ptr, "shorten the value", "%s is %d characters long as S3 sends it, more than S3's limit of %d (MaxValueLength)", what, n, MaxValueLength)
	}
	for _, p := range a.Check(wire) {
		c.add(pos, ptr, "make the value fit the argument's own constraints", "%s %s", what, p)
	}
}

// names checks that the Go names of arguments, enum types and enum
// constants are unique in the generated args package.
func (c *checker) names(args []*Arg) {
	fields := map[string]*Arg{}
	idents := map[string]string{} // package-level identifier -> what declared it
	for name := range reservedNames {
		idents[name] = "the generated package itself"
	}
	hint := `set "x-go-name" on one of them`
	for _, a := range args {
		if prev, ok := fields[a.GoName]; ok {
			c.add(a.Pos, a.Pointer, hint, "Go name %s of %q is already the Go name of %q", a.GoName, a.Name, prev.Name)
			continue
		}
		fields[a.GoName] = a
		if a.Type == Object {
			if by, ok := idents[a.GoName]; ok {
				c.add(a.Pos, a.Pointer, hint, "object type %s of %q is already declared by %s", a.GoName, a.Name, by)
				continue
			}
			idents[a.GoName] = fmt.Sprintf("field %q", a.Name)
			continue
		}
		values := a.EnumValues()
		if len(values) == 0 {
			continue
		}
		if by, ok := idents[a.GoName]; ok {
			c.add(a.Pos, a.Pointer, hint, "enum type %s of %q is already declared by %s", a.GoName, a.Name, by)
			continue
		}
		idents[a.GoName] = fmt.Sprintf("argument %q", a.Name)
		for i := range values {
			e := &values[i]
			e.GoName = enumConstName(a.GoName, e.Value, i)
			if by, ok := idents[e.GoName]; ok {
				e.GoName = fmt.Sprintf("%sValue%d", a.GoName, i+1)
				if _, clash := idents[e.GoName]; clash {
					c.add(a.Pos, a.Pointer, hint, "enum constant %s of %q is already declared by %s", e.GoName, a.Name, by)
				}
			}
			idents[e.GoName] = fmt.Sprintf("enum value %q of %q", e.Value, a.Name)
		}
	}
}

// article returns "a string argument", "an integer argument" and so on,
// without the noun.
func article(t Type) string {
	if t == Integer {
		return "an integer"
	}
	return "a " + t.String()
}

// fieldNames checks that the Go names of a nested object's fields are
// unique. (Enums in nested objects share the package's names; they are
// checked with the rest by names.)
func (c *checker) fieldNames(fields []*Arg) {
	seen := map[string]*Arg{}
	for _, a := range fields {
		if prev, ok := seen[a.GoName]; ok {
			c.add(a.Pos, a.Pointer, `set "x-go-name" on one of them`, "Go name %s of %q is already the Go name of %q", a.GoName, a.Name, prev.Name)
		}
		seen[a.GoName] = a
	}
}
