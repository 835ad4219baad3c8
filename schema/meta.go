package schema

import (
	"fmt"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

const metaSchemaURL = "https://json-schema.org/draft/2020-12/schema"

// metaSchema is the draft 2020-12 meta-schema, compiled once; the
// jsonschema library carries it, so nothing is fetched.
var metaSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	return jsonschema.NewCompiler().Compile(metaSchemaURL)
})

var printer = message.NewPrinter(language.English)

// metaValidate checks the document against the 2020-12 meta-schema: that
// every keyword has a value of the right kind (minLength a non-negative
// integer, required an array of unique strings, ...). The checks that follow
// are scaffold's own.
func (c *checker) metaValidate(root *node) {
	sch, err := metaSchema()
	if err != nil {
		panic(fmt.Sprintf("compiling the embedded JSON Schema meta-schema: %v", err)) // a bug, not an input problem
	}
	err = sch.Validate(root.toAny())
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return
	}
	c.addValidationError(root, ve)
}

// addValidationError reports the leaves of the validator's error tree. An
// anyOf or oneOf is reported once, with its most specific cause, rather than
// as one line per alternative.
func (c *checker) addValidationError(root *node, ve *jsonschema.ValidationError) {
	switch ve.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		leaf := ve
		for len(leaf.Causes) > 0 {
			leaf = leaf.Causes[0]
		}
		c.addAt(root, ve.InstanceLocation, leaf.ErrorKind.LocalizedString(printer))
		return
	}
	if len(ve.Causes) == 0 {
		c.addAt(root, ve.InstanceLocation, ve.ErrorKind.LocalizedString(printer))
		return
	}
	for _, cause := range ve.Causes {
		c.addValidationError(root, cause)
	}
}

// addAt reports msg at the value the instance location points to.
func (c *checker) addAt(root *node, loc []string, msg string) {
	n, pos := root, root.pos
	for _, tok := range loc {
		switch n.kind {
		case kindObject:
			if m := n.get(tok); m != nil {
				n, pos = m.value, m.value.pos
			}
		case kindArray:
			var i int
			if _, err := fmt.Sscan(tok, &i); err == nil && i >= 0 && i < len(n.items) {
				n, pos = n.items[i], n.items[i].pos
			}
		}
	}
	c.problems = append(c.problems, &Problem{File: c.file, Pos: pos, Pointer: pointer(loc...),
		Msg:  "not valid JSON Schema: " + strings.TrimSpace(msg),
		Hint: "see https://json-schema.org/draft/2020-12/json-schema-validation", meta: true})
}
