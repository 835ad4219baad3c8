package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Pos is a 1-based line and column in a schema file.
type Pos struct{ Line, Col int }

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// valueKind is the JSON kind of a document node.
type valueKind int

const (
	kindNull valueKind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

func (k valueKind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// node is one value of the document with the position it was read from.
// JSON and YAML documents are both read into nodes, so that everything after
// reading is independent of the file format.
type node struct {
	kind    valueKind
	pos     Pos
	str     string      // kindString
	num     json.Number // kindNumber
	boolean bool        // kindBool
	items   []*node     // kindArray
	members []member    // kindObject, in document order
}

type member struct {
	key    string
	keyPos Pos
	value  *node
}

// get returns the member named key, or nil.
func (n *node) get(key string) *member {
	for i := range n.members {
		if n.members[i].key == key {
			return &n.members[i]
		}
	}
	return nil
}

// toAny converts n to the form the JSON Schema validator expects.
func (n *node) toAny() any {
	switch n.kind {
	case kindBool:
		return n.boolean
	case kindNumber:
		return n.num
	case kindString:
		return n.str
	case kindArray:
		out := make([]any, len(n.items))
		for i, it := range n.items {
			out[i] = it.toAny()
		}
		return out
	case kindObject:
		out := make(map[string]any, len(n.members))
		for _, m := range n.members {
			out[m.key] = m.value.toAny()
		}
		return out
	}
	return nil
}

// encodeJSON returns n as compact JSON, members in document order.
func (n *node) encodeJSON() string {
	var b strings.Builder
	n.writeJSON(&b)
	return b.String()
}

func (n *node) writeJSON(b *strings.Builder) {
	switch n.kind {
	case kindNull:
		b.WriteString("null")
	case kindBool:
		b.WriteString(strconv.FormatBool(n.boolean))
	case kindNumber:
		b.WriteString(n.num.String())
	case kindString:
		b.WriteString(quoteJSON(n.str))
	case kindArray:
		b.WriteByte('[')
		for i, it := range n.items {
			if i > 0 {
				b.WriteByte(',')
			}
			it.writeJSON(b)
		}
		b.WriteByte(']')
	case kindObject:
		b.WriteByte('{')
		for i, m := range n.members {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(quoteJSON(m.key))
			b.WriteByte(':')
			m.value.writeJSON(b)
		}
		b.WriteByte('}')
	}
}

// quoteJSON quotes s as encoding/json does, without escaping HTML characters.
func quoteJSON(s string) string { return JSON(s) }

// readDocument parses data as JSON when isJSON, as YAML otherwise.
func readDocument(data []byte, isJSON bool) (*node, *Problem) {
	if isJSON {
		return readJSON(data)
	}
	return readYAML(data)
}

// readJSON parses a JSON document with encoding/json's tokenizer, recording
// the position of every value and key.
func readJSON(data []byte) (*node, *Problem) {
	lines := newLineIndex(data)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	r := &jsonReader{dec: dec, lines: lines, data: data}
	n, err := r.value(1)
	if err == nil {
		if _, err = dec.Token(); err == io.EOF {
			return n, nil
		} else if err == nil {
			err = errors.New("unexpected data after the top-level value")
		}
	}
	if p, ok := err.(*Problem); ok {
		return nil, p
	}
	return nil, &Problem{Pos: lines.pos(r.errOffset(err)), Msg: "invalid JSON: " + jsonErrorText(err),
		Hint: "check the file with a JSON linter, or write the schema in YAML"}
}

type jsonReader struct {
	dec   *json.Decoder
	lines lineIndex
	data  []byte
}

// errOffset is the byte offset an error from the decoder refers to.
func (r *jsonReader) errOffset(err error) int64 {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Offset
	}
	return r.dec.InputOffset()
}

func jsonErrorText(err error) string {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return "unexpected end of file"
	}
	return err.Error()
}

// start returns the position of the next token: the decoder's offset is at
// the end of the previous token, so skip separators and white space.
func (r *jsonReader) start() Pos {
	off := int(r.dec.InputOffset())
	for off < len(r.data) && strings.IndexByte(" \t\r\n,:", r.data[off]) >= 0 {
		off++
	}
	return r.lines.pos(int64(off))
}

// value reads the value at depth (1 for the document) and what it holds.
func (r *jsonReader) value(depth int) (*node, error) {
	pos := r.start()
	tok, err := r.dec.Token()
	if err != nil {
		return nil, err
	}
	return r.valueFrom(tok, pos, depth)
}

func (r *jsonReader) valueFrom(tok json.Token, pos Pos, depth int) (*node, error) {
	n := &node{pos: pos}
	if d, ok := tok.(json.Delim); ok && (d == '[' || d == '{') && depth > MaxDepth {
		return nil, depthProblem(pos)
	}
	switch t := tok.(type) {
	case nil:
		n.kind = kindNull
	case bool:
		n.kind, n.boolean = kindBool, t
	case json.Number:
		n.kind, n.num = kindNumber, t
	case string:
		n.kind, n.str = kindString, t
	case json.Delim:
		switch t {
		case '[':
			n.kind = kindArray
			for r.dec.More() {
				if len(n.items) == MaxMembers {
					return nil, membersProblem(r.start(), "an array")
				}
				it, err := r.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.items = append(n.items, it)
			}
		case '{':
			n.kind = kindObject
			for r.dec.More() {
				keyPos := r.start()
				if len(n.members) == MaxMembers {
					return nil, membersProblem(keyPos, "an object")
				}
				key, err := r.dec.Token()
				if err != nil {
					return nil, err
				}
				k := key.(string) // the decoder only returns strings as object keys
				if n.get(k) != nil {
					return nil, &Problem{Pos: keyPos, Msg: fmt.Sprintf("duplicate key %q", k),
						Hint: "remove one of the two"}
				}
				v, err := r.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.members = append(n.members, member{key: k, keyPos: keyPos, value: v})
			}
		}
		if _, err := r.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	}
	return n, nil
}

// lineIndex maps byte offsets to positions.
type lineIndex []int // offsets at which lines start

func newLineIndex(data []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range data {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (idx lineIndex) pos(off int64) Pos {
	// The last line starting at or before off.
	line := sort.Search(len(idx), func(i int) bool { return int64(idx[i]) > off }) - 1
	return Pos{Line: line + 1, Col: int(off) - idx[line] + 1}
}

// readYAML parses a YAML document with goccy/go-yaml, whose AST keeps the
// position of every node.
func readYAML(data []byte) (*node, *Problem) {
	if p := scanYAML(data); p != nil {
		return nil, p
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		p := &Problem{Pos: Pos{1, 1}, Msg: "invalid YAML: " + err.Error(),
			Hint: "check the indentation and quoting near this place"}
		var se *yaml.SyntaxError
		if errors.As(err, &se) && se.Token != nil {
			p.Pos = Pos{se.Token.Position.Line, se.Token.Position.Column}
			p.Msg = "invalid YAML: " + se.Message
		}
		return nil, p
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		return nil, &Problem{Pos: Pos{1, 1}, Msg: fmt.Sprintf("want one YAML document, found %d", len(f.Docs)),
			Hint: "a schema file holds exactly one document"}
	}
	return convertYAML(f.Docs[0].Body, 1)
}

func yamlPos(n ast.Node) Pos {
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return Pos{1, 1}
	}
	return Pos{tk.Position.Line, tk.Position.Column}
}

// convertYAML converts y, at depth (1 for the document), and what it holds.
func convertYAML(y ast.Node, depth int) (*node, *Problem) {
	n := &node{pos: yamlPos(y)}
	switch y.(type) {
	case *ast.SequenceNode, *ast.MappingNode, *ast.MappingValueNode:
		if depth > MaxDepth {
			return nil, depthProblem(n.pos)
		}
	}
	switch v := y.(type) {
	case *ast.NullNode:
		n.kind = kindNull
	case *ast.BoolNode:
		n.kind, n.boolean = kindBool, v.Value
	case *ast.IntegerNode:
		n.kind, n.num = kindNumber, json.Number(fmt.Sprint(v.Value))
	case *ast.FloatNode:
		if math.IsInf(v.Value, 0) || math.IsNaN(v.Value) {
			return nil, &Problem{Pos: n.pos, Msg: "infinity and NaN are not JSON numbers", Hint: "use a finite number"}
		}
		n.kind, n.num = kindNumber, json.Number(strconv.FormatFloat(v.Value, 'g', -1, 64))
	case *ast.InfinityNode, *ast.NanNode:
		return nil, &Problem{Pos: n.pos, Msg: "infinity and NaN are not JSON numbers", Hint: "use a finite number"}
	case *ast.StringNode:
		n.kind, n.str = kindString, v.Value
	case *ast.LiteralNode:
		n.kind, n.str = kindString, v.Value.Value
	case *ast.SequenceNode:
		n.kind = kindArray
		if len(v.Values) > MaxMembers {
			return nil, membersProblem(yamlPos(v.Values[MaxMembers]), "an array")
		}
		for _, it := range v.Values {
			c, p := convertYAML(it, depth+1)
			if p != nil {
				return nil, p
			}
			n.items = append(n.items, c)
		}
	case *ast.MappingNode:
		n.kind = kindObject
		if len(v.Values) > MaxMembers {
			return nil, membersProblem(yamlPos(v.Values[MaxMembers].Key), "an object")
		}
		for _, mv := range v.Values {
			if err := addYAMLMember(n, mv, depth); err != nil {
				return nil, err
			}
		}
	case *ast.MappingValueNode:
		n.kind = kindObject
		if err := addYAMLMember(n, v, depth); err != nil {
			return nil, err
		}
	default:
		return nil, &Problem{Pos: n.pos, Msg: fmt.Sprintf("YAML %s is not supported in a schema", y.Type()),
			Hint: "write plain mappings, sequences and scalars: no anchors, aliases, tags or merge keys"}
	}
	return n, nil
}

// addYAMLMember adds mv to n, an object at depth.
func addYAMLMember(n *node, mv *ast.MappingValueNode, depth int) *Problem {
	keyPos := yamlPos(mv.Key)
	var key string
	switch k := mv.Key.(type) {
	case *ast.StringNode:
		key = k.Value
	default:
		return &Problem{Pos: keyPos, Msg: fmt.Sprintf("mapping key %s is not a string", mv.Key.String()),
			Hint: "quote the key"}
	}
	if n.get(key) != nil {
		return &Problem{Pos: keyPos, Msg: fmt.Sprintf("duplicate key %q", key), Hint: "remove one of the two"}
	}
	v, p := convertYAML(mv.Value, depth+1)
	if p != nil {
		return p
	}
	n.members = append(n.members, member{key: key, keyPos: keyPos, value: v})
	return nil
}
