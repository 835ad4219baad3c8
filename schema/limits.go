package schema

import (
	"fmt"
	"io"
	"os"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// scaffold's own limits on a schema document. They bound the memory and the
// time that reading a schema may take, whatever the file holds: a schema
// comes from a checkout, and `go generate ./...` runs scaffold on it. Each
// is far above what a schema that S3 accepts needs (at most 10 arguments,
// each with a handful of keywords), and is checked before the work it
// bounds, so that a hostile file is refused in well under a second and a
// hundred megabytes.
const (
	// MaxFileSize is the largest schema file, in bytes: 128 KiB. A verbose
	// schema of 10 arguments is a few kilobytes, a task schema of a hundred
	// fields some 10 KB. The YAML parser's memory is about 300 times the
	// size of a file of short keys: 45 MB at 128 KiB, 80 MB at 256 KiB,
	// 400 MB at 1 MiB.
	MaxFileSize = 128 << 10

	// MaxDepth is how deeply the values of a schema may nest, counting each
	// object and array: the root object is 1, its properties 2, an argument
	// 3, its items or examples 4, an example array 5. The YAML parser's
	// memory grows with the square of the depth (1.5 GB at 30,000), so the
	// depth of a YAML file is estimated from its bytes before it is parsed.
	MaxDepth = 64

	// MaxMembers is the largest number of members of one object, or of items
	// of one array. Checked while the document is read, before anything
	// that compares members with each other; the YAML parser itself is
	// quadratic in the keys of one block mapping (20,000 keys take 1.6 GB),
	// so those are counted from the bytes before it runs.
	MaxMembers = 1000

	// MaxYAMLIndicators is the largest number of the characters that may open
	// a YAML collection ('[', '{', and '-' or '?' before a space), counted
	// anywhere in the file, even in strings and comments. It backs
	// MaxDepth: it bounds the depth the YAML parser can reach in a file
	// crafted to mislead the estimate of its depth.
	MaxYAMLIndicators = 4096
)

const limitHint = "check that this is the right file"

// ReadFile reads the schema file at path, refusing a file larger than
// MaxFileSize without reading more than one byte past the limit, so that
// pointing scaffold at a huge file does not read all of it into memory.
// The error for a file too large is a Problems naming the file.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if p := checkSize(data); p != nil {
		p.File = path
		return nil, Problems{p}
	}
	return data, nil
}

// checkSize returns the problem of a document larger than MaxFileSize.
func checkSize(data []byte) *Problem {
	if len(data) <= MaxFileSize {
		return nil
	}
	return &Problem{Pos: Pos{1, 1},
		Msg:  fmt.Sprintf("the file is larger than %d KiB (%d bytes), scaffold's limit for a schema (MaxFileSize)", MaxFileSize>>10, MaxFileSize),
		Hint: "a schema of 10 arguments is a few kilobytes: " + limitHint + ", and shorten long descriptions and enums"}
}

// depthProblem is the problem of a value nested deeper than MaxDepth.
func depthProblem(pos Pos) *Problem {
	return &Problem{Pos: pos,
		Msg:  fmt.Sprintf("values nested more than %d deep, scaffold's limit for a schema (MaxDepth)", MaxDepth),
		Hint: "a schema nests about 5 deep (root, properties, argument, items or examples, an example array): " + limitHint + ", and flatten this value"}
}

// membersProblem is the problem of an object or array (what) with more than
// MaxMembers entries.
func membersProblem(pos Pos, what string) *Problem {
	return &Problem{Pos: pos,
		Msg:  fmt.Sprintf("%s with more than %d entries, scaffold's limit for a schema (MaxMembers)", what, MaxMembers),
		Hint: "S3 takes at most 10 arguments, each with a few keywords: " + limitHint}
}

// CheckYAML applies the bounds on a schema's YAML (MaxDepth, MaxMembers,
// MaxYAMLIndicators) to another YAML file of scaffold's, such as
// scaffold.yaml or scaffold.lock, before it is decoded: their parser is the
// schema's, and its memory grows with the square of the depth. It also
// refuses anchors and aliases, which decoding would expand (a "billion
// laughs" of ten nested aliases is gigabytes); scaffold never writes them.
// It returns the file parsed, for YAML.Decode: parsing is most of the
// cost of decoding, and is done once.
func CheckYAML(file string, data []byte) (*YAML, error) {
	y := &YAML{data: data}
	p := scanYAML(data)
	if p == nil {
		f, err := parser.ParseBytes(data, 0)
		if err != nil {
			return y, nil // Decode reports it, with its position
		}
		if len(f.Docs) == 1 {
			if m, ok := f.Docs[0].Body.(*ast.MappingNode); ok {
				y.body = m
			}
		}
		for _, doc := range f.Docs {
			if doc.Body == nil {
				continue
			}
			v := &aliasFinder{}
			ast.Walk(v, doc.Body)
			if p = v.found; p != nil {
				break
			}
		}
	}
	if p != nil {
		p.File = file
		return nil, Problems{p}
	}
	return y, nil
}

// CheckYAMLBounds applies CheckYAML's bounds alone, without parsing, to a
// file that is read without the YAML parser when it has the one form
// scaffold writes (scaffold.lock): whether a file passes the bounds does
// not depend on how it is read.
func CheckYAMLBounds(file string, data []byte) error {
	if p := scanYAML(data); p != nil {
		p.File = file
		return Problems{p}
	}
	return nil
}

// YAML is a YAML file that CheckYAML passed.
type YAML struct {
	data []byte
	// body is the file's one document, when it is a plain mapping, as
	// scaffold's files are; nil otherwise (several documents, a tag, a
	// syntax error), for Decode to decode the bytes as they are.
	body *ast.MappingNode
}

// Decode decodes y into v as yaml.UnmarshalWithOptions decodes y's bytes,
// with the same errors: from the tree CheckYAML parsed when the file is
// one plain mapping, from the bytes otherwise.
func (y *YAML) Decode(v any, opts ...yaml.DecodeOption) error {
	if y.body == nil {
		return yaml.UnmarshalWithOptions(y.data, v, opts...)
	}
	return yaml.NodeToValue(y.body, v, opts...)
}

// aliasFinder finds the first anchor or alias of a YAML tree.
type aliasFinder struct{ found *Problem }

func (v *aliasFinder) Visit(n ast.Node) ast.Visitor {
	if v.found != nil || n == nil {
		return nil
	}
	switch n.(type) {
	case *ast.AnchorNode, *ast.AliasNode:
		v.found = &Problem{Pos: yamlPos(n), Msg: "a YAML anchor or alias, which scaffold does not read",
			Hint: "write the value itself: scaffold writes this file without anchors or aliases"}
		return nil
	}
	return v
}
