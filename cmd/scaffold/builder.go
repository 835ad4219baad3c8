package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/internal/jsonorder"
	"github.com/s3batchops/scaffold/schema"
)

// argDef is one argument as the interview builds it. Values are kept as
// typed; renderSchema turns them into JSON Schema.
type argDef struct {
	name, goName string
	kind         string // one of kinds
	itemType     string // for lists
	enum         []string
	required     bool
	def          string // the default as S3 would send it; "" for none
	example      string
	description  string
	// Constraints, as typed; "" for none.
	minLength, maxLength, pattern, minimum, maximum, minItems, maxItems string
}

// kinds are the argument types the interview offers.
var kinds = []string{"string", "integer", "number", "boolean", "duration", "date-time", "enum", "list"}

var kindHelp = "string: any text; integer and number: 42, 1.5; boolean: true or false; " +
	"duration: 90s, 1h30m; date-time: 2024-05-01T12:00:00Z; enum: one of a list of values; " +
	`list: a JSON array such as ["a","b"]`

// defineArgs asks for arguments one by one, at most S3's 10.
func (iv *interview) defineArgs() ([]argDef, error) {
	var defs []argDef
	for {
		d, err := iv.defineArg(defs)
		if err != nil {
			return nil, err
		}
		defs = append(defs, d)
		if len(defs) == schema.MaxArgs {
			return defs, nil // S3's limit: nothing more to ask
		}
		more, err := iv.p.Confirm(question{"Add another argument?", fmt.Sprintf("S3 accepts at most %d; you have %d.", schema.MaxArgs, len(defs))}, false)
		if err != nil || !more {
			return defs, err
		}
	}
}

// defineArg asks for one argument. Each answer is checked by rendering the
// schema so far and loading it, so the interview and a schema file can
// never disagree on what is valid.
func (iv *interview) defineArg(prev []argDef) (argDef, error) {
	var d argDef
	var err error
	in := func(q question, def string, field *string, check func(string) error) {
		if err == nil {
			*field, err = iv.p.Input(q, def, check)
		}
	}
	// checkAs sets a field to the answer and loads the schema with it,
	// reporting the problems at ptr.
	checkAs := func(field *string, ptr string) func(string) error {
		return func(s string) error {
			saved := *field
			*field = s
			defer func() { *field = saved }()
			return checkDefs(append(prev, d), d.name, ptr)
		}
	}

	if err := iv.defineName(&d, prev); err != nil {
		return d, err
	}
	if err := iv.defineKind(&d); err != nil {
		return d, err
	}
	if err := iv.defineConstraints(&d, prev, checkAs); err != nil {
		return d, err
	}
	if err == nil {
		d.required, err = iv.p.Confirm(question{fmt.Sprintf("Is %s required?", d.name), "A required argument must be in every job's UserArguments."}, true)
	}
	if err == nil && !d.required {
		d.def, err = iv.askDefault(&d, checkAs(&d.def, "/default"))
	}
	if err == nil && d.pattern != "" && d.def == "" {
		in(question{"An example value:", "The generated tests need a value that matches the pattern."}, "", &d.example, checkAs(&d.example, "/examples"))
	}
	in(question{"Description (optional):", "Becomes the field's doc comment."}, "", &d.description, nil)
	return d, err
}

// noDefault is the choice of no default among an enum's values.
const noDefault = "(no default)"

// askDefault asks for d's default: one of an enum's values, chosen from
// them; otherwise typed, and checked as the schema checks it. A negative
// duration is refused: a wait or a timeout below zero is a mistake, and a
// duration argument has no minimum to say it is meant.
func (iv *interview) askDefault(d *argDef, check func(string) error) (string, error) {
	q := question{"Default (empty for none):", "The value when a job leaves the argument out, written as S3 would send it."}
	if d.kind == "enum" {
		v, err := iv.p.Select(question{"Default:", "The value when a job leaves the argument out."}, append([]string{noDefault}, d.enum...), noDefault)
		if v == noDefault {
			v = ""
		}
		return v, err
	}
	return iv.p.Input(q, "", func(s string) error {
		if d.kind == "duration" && strings.HasPrefix(strings.TrimSpace(s), "-") {
			return fmt.Errorf("%q is a negative duration: give 0 or more, such as 90s", s)
		}
		return check(s)
	})
}

// defineName asks for an argument's name, and its Go field name when the
// name has none of its own.
func (iv *interview) defineName(d *argDef, prev []argDef) error {
	var err error
	d.name, err = iv.p.Input(question{"Argument name (the key S3 sends):", "1 to 64 characters, unique. Flag: --schema (properties)."}, "", func(s string) error { return checkArgName(prev, s) })
	if err != nil {
		return err
	}
	if _, nameErr := schema.GoName(d.name); nameErr != nil {
		d.goName, err = iv.p.Input(question{fmt.Sprintf("Go field name for %q:", d.name), fmt.Sprintf("%v; choose an exported Go name (x-go-name).", nameErr)}, "", func(s string) error {
			if err := schema.CheckGoName(s); err != nil {
				return err
			}
			return checkGoNameFree(prev, d.name, s)
		})
	}
	return err
}

// defineKind asks for an argument's type, with an enum's values or a
// list's item type.
func (iv *interview) defineKind(d *argDef) error {
	var err error
	if d.kind, err = iv.p.Select(question{fmt.Sprintf("Type of %s:", d.name), kindHelp}, kinds, "string"); err != nil {
		return err
	}
	switch d.kind {
	case "enum":
		var values string
		values, err = iv.p.Input(question{"Values, separated by commas:", "Such as STANDARD, GLACIER_IR. Each at most 1,024 characters."}, "", func(s string) error {
			_, err := splitValues(s)
			return err
		})
		d.enum, _ = splitValues(values)
	case "list":
		d.itemType, err = iv.p.Select(question{"Type of the list's items:", "S3 sends the list as a JSON array in one string."}, []string{"string", "integer", "number", "boolean"}, "string")
	}
	return err
}

// defineConstraints asks for the limits that fit d's type, when the user
// wants any.
func (iv *interview) defineConstraints(d *argDef, prev []argDef, checkAs func(*string, string) func(string) error) error {
	type limit struct {
		field *string
		q     string
		key   string
	}
	var limits []limit
	switch d.kind {
	case "string":
		limits = []limit{{&d.minLength, "Minimum length (empty for none):", "minLength"}, {&d.maxLength, "Maximum length (empty for none):", "maxLength"}, {&d.pattern, "Pattern, a Go regular expression (empty for none):", "pattern"}}
	case "integer", "number":
		limits = []limit{{&d.minimum, "Minimum (empty for none):", "minimum"}, {&d.maximum, "Maximum (empty for none):", "maximum"}}
	case "list":
		limits = []limit{{&d.minItems, "Minimum number of items (empty for none):", "minItems"}, {&d.maxItems, "Maximum number of items (empty for none):", "maxItems"}}
	}
	if len(limits) == 0 {
		return nil
	}
	want, err := iv.p.Confirm(question{fmt.Sprintf("Limit the values of %s (%s)?", d.name, limitNames(d.kind)), "Parse rejects values outside the limits, naming the argument."}, false)
	if err != nil || !want {
		return err
	}
	for _, l := range limits {
		check := checkAs(l.field, "/"+l.key)
		if *l.field, err = iv.p.Input(question{l.q, ""}, "", func(s string) error {
			if s == "" {
				return nil
			}
			if err := limitSyntax(d.kind, l.key, s); err != nil {
				return err
			}
			return check(s)
		}); err != nil {
			return err
		}
	}
	return nil
}

// limitSyntax says, in the interview's words, what a limit must be written
// as, before the schema's checks (whose meta-schema would say it in JSON
// Schema's).
func limitSyntax(kind, key, s string) error {
	switch key {
	case "minLength", "maxLength", "minItems", "maxItems":
		if n, err := strconv.ParseUint(s, 10, 31); err != nil || n > math.MaxInt32 {
			what := "characters"
			if kind == "list" {
				what = "items"
			}
			return fmt.Errorf("%q is not a number of %s: give a whole number, 0 or more, such as 3", s, what)
		}
	case "minimum", "maximum":
		if kind == "integer" {
			if _, err := strconv.ParseInt(s, 10, 64); err != nil {
				return fmt.Errorf("%q is not an integer: give a whole number, such as 1 or -5", s)
			}
		} else if !jsonNumber().MatchString(s) {
			return fmt.Errorf("%q is not a number: give one such as 1.5 or -2", s)
		}
	}
	return nil
}

func limitNames(kind string) string {
	switch kind {
	case "string":
		return "length, pattern"
	case "list":
		return "number of items"
	}
	return "minimum, maximum"
}

// checkArgName checks a new argument's name against S3's limits and the
// arguments before it.
func checkArgName(prev []argDef, name string) error {
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return errors.New("give the argument a name")
	case n > schema.MaxNameLength:
		return fmt.Errorf("%d characters, more than S3's limit of %d", n, schema.MaxNameLength)
	}
	for _, p := range prev {
		if p.name == name {
			return fmt.Errorf("there is already an argument %q", name)
		}
	}
	if goName, err := schema.GoName(name); err == nil {
		return checkGoNameFree(prev, name, goName)
	}
	return nil // a Go name is asked for next
}

// checkGoNameFree reports a Go name another argument already has.
func checkGoNameFree(prev []argDef, name, goName string) error {
	for _, p := range prev {
		other := p.goName
		if other == "" {
			other, _ = schema.GoName(p.name)
		}
		if other == goName {
			return fmt.Errorf("%q would be the Go field %s, as %q is: choose another name", name, goName, p.name)
		}
	}
	return nil
}

// splitValues splits a comma-separated list of enum values.
func splitValues(s string) ([]string, error) {
	var values []string
	seen := map[string]bool{}
	for _, v := range strings.Split(s, ",") {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
			continue
		case seen[v]:
			return nil, fmt.Errorf("%q is listed twice", v)
		case utf8.RuneCountInString(v) > schema.MaxValueLength:
			return nil, fmt.Errorf("a value is longer than S3's limit of %d characters", schema.MaxValueLength)
		}
		seen[v] = true
		values = append(values, v)
	}
	if len(values) == 0 {
		return nil, errors.New("give at least one value")
	}
	return values, nil
}

// checkDefs renders defs as a schema, loads it, and returns the problems of
// the argument name: those at the pointers under ptr (such as "/default"),
// and those of the argument as a whole, such as an empty range. That the
// argument still lacks an example is no problem yet: it is asked for last.
func checkDefs(defs []argDef, name, ptr string) error {
	_, err := schema.Parse(builtSchemaFile, renderSchema(defs))
	var probs schema.Problems
	if !errors.As(err, &probs) {
		return err
	}
	arg := "/properties/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(name)
	var msgs []string
	for _, p := range probs {
		if p.Msg != schema.MsgNoSample && (p.Pointer == arg || strings.HasPrefix(p.Pointer, arg+ptr) || isLimit(p.Pointer, arg, ptr)) {
			msgs = append(msgs, p.Msg+": "+p.Hint)
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return errors.New(strings.Join(msgs, "; "))
}

// isLimit reports whether a problem at pointer concerns the limit at ptr: a
// minimum and its maximum are checked together.
func isLimit(pointer, arg, ptr string) bool {
	pairs := map[string]string{"/maxLength": "/minLength", "/maximum": "/minimum", "/maxItems": "/minItems"}
	return pairs[ptr] != "" && pointer == arg+pairs[ptr]
}

// renderSchema writes defs as a JSON Schema 2020-12 document: readable, and
// with its keys in a fixed order, so the same answers give the same bytes.
func renderSchema(defs []argDef) []byte {
	props := jsonorder.Object{}
	var required []string
	for _, d := range defs {
		props = append(props, jsonorder.Member{Key: d.name, Value: d.schema()})
		if d.required {
			required = append(required, d.name)
		}
	}
	doc := jsonorder.Object{
		{Key: "$schema", Value: "https://json-schema.org/draft/2020-12/schema"},
		{Key: "type", Value: "object"},
		{Key: "properties", Value: props},
	}
	if len(required) > 0 {
		doc = append(doc, jsonorder.Member{Key: "required", Value: required})
	}
	doc = append(doc, jsonorder.Member{Key: "additionalProperties", Value: false})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic(err) // every value is a string, number, bool, slice or jsonorder.Object
	}
	return buf.Bytes()
}

// schema returns d as a property of the schema.
func (d *argDef) schema() jsonorder.Object {
	o := jsonorder.Object{}
	add := func(key string, v any) { o = append(o, jsonorder.Member{Key: key, Value: v}) }
	switch d.kind {
	case "duration", "date-time":
		add("type", "string")
		add("format", d.kind)
	case "enum":
		add("type", "string")
		add("enum", d.enum)
	case "list":
		add("type", "array")
		add("items", jsonorder.Object{{Key: "type", Value: d.itemType}})
	default:
		add("type", d.kind)
	}
	if d.description != "" {
		add("description", d.description)
	}
	if d.def != "" {
		add("default", d.jsonValue(d.def))
	}
	if d.example != "" {
		add("examples", []any{d.jsonValue(d.example)})
	}
	for _, c := range []struct{ key, v string }{
		{"minimum", d.minimum}, {"maximum", d.maximum}, {"minLength", d.minLength}, {"maxLength", d.maxLength},
		{"minItems", d.minItems}, {"maxItems", d.maxItems},
	} {
		if c.v != "" {
			add(c.key, number(c.v))
		}
	}
	if d.pattern != "" {
		add("pattern", d.pattern)
	}
	if d.goName != "" {
		add("x-go-name", d.goName)
	}
	return o
}

// jsonValue is the JSON of a wire value typed by the user: a number for
// integers and numbers, true or false, the array of a list, else a
// string. A value that is not of the type stays a string, so that the
// loader reports it in its own words.
func (d *argDef) jsonValue(wire string) any {
	switch d.kind {
	case "integer", "number":
		if _, err := strconv.ParseFloat(wire, 64); err == nil && jsonNumber().MatchString(wire) {
			return json.Number(wire)
		}
	case "boolean":
		if b, err := strconv.ParseBool(wire); err == nil && (wire == "true" || wire == "false") {
			return b
		}
	case "list":
		if json.Valid([]byte(wire)) {
			return json.RawMessage(wire)
		}
	}
	return wire
}

// jsonNumber matches a JSON number; compiled on first use, by the interview.
var jsonNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)
})

// number is the JSON of a limit typed by the user; a string when it is not
// a number, for the loader to report.
func number(s string) any {
	if jsonNumber().MatchString(s) {
		return json.Number(s)
	}
	return s
}
