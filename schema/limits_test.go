package schema

// These tests protect the bounds on a schema document (MaxFileSize,
// MaxDepth, MaxMembers, MaxYAMLIndicators): a document at each limit is
// read, one past it is refused with a message naming the limit, and
// documents built to exhaust memory or time are refused cheaply.

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const (
	msgSize       = "the file is larger than 128 KiB"
	msgDepth      = "values nested more than 64 deep"
	msgEntries    = "with more than 1000 entries"
	msgIndicators = "more than 4096 of the characters that open a YAML collection"
)

// read reads doc as the file name would be, and returns its problem's text,
// or "" when it was read. It does not check the schema language, so that a
// document made only of nesting can be read at the limit.
func read(name string, doc []byte) string {
	p := checkSize(doc)
	if p == nil {
		_, p = readDocument(doc, strings.HasSuffix(name, ".json"))
	}
	if p == nil {
		return ""
	}
	p.File = name
	return p.Error()
}

// indent prefixes each line of s with prefix.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n"+prefix) + "\n"
}

// nestFlow returns depth nested arrays in JSON or YAML flow style.
func nestFlow(depth int) string {
	return strings.Repeat("[", depth) + strings.Repeat("]", depth)
}

// nestBlockMap returns depth block mappings nested by indentation.
func nestBlockMap(depth int) string {
	var b strings.Builder
	for i := range depth {
		fmt.Fprintf(&b, "%sa:\n", strings.Repeat(" ", i))
	}
	fmt.Fprintf(&b, "%sx\n", strings.Repeat(" ", depth))
	return b.String()
}

func TestDepthLimit(t *testing.T) {
	forms := []struct {
		name string
		doc  func(depth int) string
	}{
		// goccy/go-yaml cannot parse explicit keys nested even 64 deep, so
		// these are only refused past the limit, not read at it.
		{"explicit-keys.yaml", func(d int) string { return strings.Repeat("? ", d) + "x\n" }},
		{"s.json", nestFlow},
		{"s.json", func(d int) string { return strings.Repeat(`{"a":`, d-1) + "{}" + strings.Repeat("}", d-1) }},
		{"flow-seq.yaml", nestFlow},
		{"flow-map.yaml", func(d int) string { return strings.Repeat("{a: ", d) + "x" + strings.Repeat("}", d) }},
		{"block-map.yaml", nestBlockMap},
		{"block-seq.yaml", func(d int) string { return strings.Repeat("- ", d) + "x\n" }},
		{"seq-of-maps.yaml", func(d int) string {
			var b strings.Builder
			for i := range d / 2 {
				fmt.Fprintf(&b, "%s- a:\n", strings.Repeat("  ", i))
			}
			fmt.Fprintf(&b, "%s  x\n", strings.Repeat("  ", d/2))
			return b.String()
		}},
	}
	for _, f := range forms {
		if got := read(f.name, []byte(f.doc(MaxDepth))); got != "" && f.name != "explicit-keys.yaml" {
			t.Errorf("%s nested %d deep: %s", f.name, MaxDepth, got)
		}
		depth := MaxDepth + 1
		if strings.HasPrefix(f.name, "seq-of-maps") {
			depth = MaxDepth + 2 // two levels a line
		}
		if got := read(f.name, []byte(f.doc(depth))); !strings.Contains(got, msgDepth) {
			t.Errorf("%s nested %d deep: got %q, want the depth problem", f.name, depth, got)
		}
	}
}

// TestDepthLimitPlace checks that the depth problem says where: the
// first value past the limit.
func TestDepthLimitPlace(t *testing.T) {
	doc := "type: object\nproperties:\n  a:\n    type: array\n    examples: " + nestFlow(100) + "\n"
	got := read("s.yaml", []byte(doc))
	// examples' array is at depth 4 (root, properties, a, examples), so the
	// 62nd bracket, at column 15+61, is at depth 65; the estimate from the
	// bytes may count one more.
	if !strings.HasPrefix(got, "s.yaml:5:76: ") && !strings.HasPrefix(got, "s.yaml:5:77: ") {
		t.Errorf("got %q, want it at 5:76", got)
	}
	doc = `{"properties": {"a": {"examples": ` + nestFlow(100) + "}}}"
	if got := read("s.json", []byte(doc)); !strings.HasPrefix(got, "s.json:1:96: "+msgDepth) {
		t.Errorf("got %q, want it at 1:96", got)
	}
}

// TestDepthScanReadsStrings checks that brackets, dashes and indentation in
// quoted strings, block scalars and comments are not taken for nesting.
func TestDepthScanReadsStrings(t *testing.T) {
	deep := strings.Repeat("[", 200)
	doc := `type: object
properties:
  a:
    type: string
    pattern: "^` + deep + `$"
    title: '` + strings.Repeat("{", 200) + ` it''s ` + deep + `'
    # ` + deep + `
    description: |
` + indent(nestBlockMap(100), "      ") + strings.Repeat("      - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -\n", 3) + `    default: it's [ not { a flow
    examples: ["` + deep + `", '` + deep + `']
`
	if _, err := Parse("s.yaml", []byte(doc)); err != nil && strings.Contains(err.Error(), msgDepth) {
		t.Errorf("a schema with brackets in strings is refused:\n%v", err)
	}
}

func TestEntriesLimit(t *testing.T) {
	keys := func(n int, f func(i int) string) string {
		var parts []string
		for i := range n {
			parts = append(parts, f(i))
		}
		return strings.Join(parts, "")
	}
	forms := []struct {
		name string
		doc  func(n int) string
	}{
		{"object.json", func(n int) string {
			return "{" + strings.TrimSuffix(keys(n, func(i int) string { return fmt.Sprintf(`"k%d":0,`, i) }), ",") + "}"
		}},
		{"array.json", func(n int) string { return "[" + strings.TrimSuffix(strings.Repeat("0,", n), ",") + "]" }},
		{"block-map.yaml", func(n int) string { return keys(n, func(i int) string { return fmt.Sprintf("k%d: 0\n", i) }) }},
		{"nested-block-map.yaml", func(n int) string {
			return "properties:\n" + keys(n, func(i int) string { return fmt.Sprintf("  k%d:\n    type: string\n", i) })
		}},
		{"block-seq.yaml", func(n int) string { return strings.Repeat("- 0\n", n) }},
		{"flow-map.yaml", func(n int) string {
			return "{" + keys(n, func(i int) string { return fmt.Sprintf("k%d: 0,", i) }) + "}"
		}},
		{"flow-seq.yaml", func(n int) string { return "[" + strings.Repeat("0,", n) + "]" }},
	}
	for _, f := range forms {
		if got := read(f.name, []byte(f.doc(MaxMembers))); got != "" {
			t.Errorf("%s with %d entries: %s", f.name, MaxMembers, got)
		}
		if got := read(f.name, []byte(f.doc(MaxMembers+1))); !strings.Contains(got, msgEntries) {
			t.Errorf("%s with %d entries: got %q, want the entries problem", f.name, MaxMembers+1, got)
		}
	}
}

func TestSizeLimit(t *testing.T) {
	schema := `{"type": "object", "properties": {"a": {"type": "string"}}}`
	pad := func(n int) []byte { return []byte(schema + strings.Repeat(" ", n-len(schema))) }
	if _, err := Parse("s.json", pad(MaxFileSize)); err != nil {
		t.Errorf("a schema of %d bytes: %v", MaxFileSize, err)
	}
	_, err := Parse("s.json", pad(MaxFileSize+1))
	if _, ok := err.(Problems); !ok || !strings.HasPrefix(err.Error(), "s.json:1:1: "+msgSize) {
		t.Errorf("a schema of %d bytes: got %v, want the size problem", MaxFileSize+1, err)
	}

	dir := t.TempDir()
	for _, n := range []int{MaxFileSize, MaxFileSize + 1, 8 << 20} {
		path := filepath.Join(dir, fmt.Sprintf("s%d.json", n))
		if err := os.WriteFile(path, pad(n), 0o666); err != nil {
			t.Fatal(err)
		}
		data, err := ReadFile(path)
		switch {
		case n <= MaxFileSize && (err != nil || len(data) != n):
			t.Errorf("ReadFile of %d bytes: %d bytes, %v", n, len(data), err)
		case n > MaxFileSize && (err == nil || !strings.HasPrefix(err.Error(), path+":1:1: "+msgSize)):
			t.Errorf("ReadFile of %d bytes: got %v, want the size problem", n, err)
		}
		if _, err := Load(path); (err != nil) != (n > MaxFileSize) {
			t.Errorf("Load of %d bytes: %v", n, err)
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "nosuch.json")); !os.IsNotExist(err) {
		t.Errorf("ReadFile of a missing file: %v", err)
	}
}

func TestIndicatorsLimit(t *testing.T) {
	// The count reads no comment, so that no reading of the file can hide
	// an indicator from it.
	doc := func(n int) []byte { return []byte("a: 1\n# " + strings.Repeat("[", n) + "\n") }
	if got := read("s.yaml", doc(MaxYAMLIndicators)); got != "" {
		t.Errorf("%d indicators: %s", MaxYAMLIndicators, got)
	}
	if got := read("s.yaml", doc(MaxYAMLIndicators+1)); !strings.HasPrefix(got, "s.yaml:2:4099: "+msgIndicators) {
		t.Errorf("%d indicators: got %q, want the indicators problem at 2:4099", MaxYAMLIndicators+1, got)
	}
}

// hostile are documents built to exhaust the memory or the time of a
// reader, each with the problem it must be refused with.
func hostile() []struct{ name, doc, want string } {
	// The documents nest 100,000 deep in 200 KB: the size limit
	// refuses them. Those that nest 60,000 deep fit in it.
	const huge, deep = 100_000, 60_000
	props := func(n int, f string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, f, i)
		}
		return b.String()
	}
	examples := "type: object\nproperties:\n  a:\n    type: string\n    examples:\n"
	return []struct{ name, doc, want string }{
		{"huge-block-map.yaml", strings.Repeat("? ", huge) + "x\n", msgSize},
		{"huge-flow-seq.yaml", nestFlow(huge), msgSize},
		{"huge.json", nestFlow(huge), msgSize},
		{"deep-block-map.yaml", strings.Repeat("? ", deep) + "x\n", msgDepth},
		{"deep-block-map-indent.yaml", nestBlockMap(500), msgDepth},
		{"deep-block-seq.yaml", strings.Repeat("- ", deep) + "x\n", msgDepth},
		{"deep-flow-seq.yaml", nestFlow(deep), msgDepth},
		{"deep-flow-map.yaml", strings.Repeat("{a: ", deep/4) + strings.Repeat("}", deep/4), msgDepth},
		{"deep-examples.yaml", examples + "      " + nestFlow(deep), msgDepth},
		{"deep-examples-seq.yaml", examples + "      " + strings.Repeat("- ", deep) + "x\n", msgDepth},
		{"deep.json", nestFlow(deep), msgDepth},
		{"deep-examples.json", `{"properties": {"a": {"examples": ` + nestFlow(deep) + "}}}", msgDepth},
		{"props.json", `{"properties": {` + strings.TrimSuffix(props(huge, `"p%d": {"type": "string"},`), ",") + "}}", msgSize},
		{"props.yaml", "properties:\n" + props(huge, "  p%d: {type: string}\n"), msgSize},
		// As many properties as fit in the size limit.
		{"props-small.json", `{"properties": {` + strings.TrimSuffix(props(15_000, `"%x":0,`), ",") + "}}", msgEntries},
		{"props-small.yaml", "properties:\n" + props(15_000, " %x: 0\n"), msgEntries},
		{"props-flow.yaml", "properties: {" + props(15_000, "%x: 0,") + "}", msgEntries},
		// Brackets the depth estimate reads as part of a string: whatever
		// the parser makes of them, the count of indicators refuses them.
		{"misleading-quote.yaml", `{a: b: "` + nestFlow(deep/10), msgIndicators},
		{"misleading-plain.yaml", "a: it's " + nestFlow(deep/10), msgIndicators},
		// Arrays of 1,000 items whose uniqueness the meta-schema asks: a
		// pairwise comparison took 9 s and 3.8 GB for this document.
		{"unique-types.json", `{"properties": {` + strings.TrimSuffix(props(30, `"p%d": {"type": [`+strings.TrimSuffix(props(1000, "%d,"), ",")+`]},`), ",") + "}}", "a list of types is not supported"},
		{"unique-required.json", `{"required": [` + props(999, `"%d",`) + `"0"]}`, "items at 0 and 999 are equal"},
	}
}

func TestHostileRefused(t *testing.T) {
	for _, h := range hostile() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := Parse(h.name, []byte(h.doc))
		runtime.ReadMemStats(&after)
		if _, ok := err.(Problems); !ok || !strings.Contains(err.Error(), h.want) {
			t.Errorf("%s: got %v, want a problem with %q", h.name, err, h.want)
		}
		// A loose bound: the readers allocate a few MB for these, the YAML
		// parser gigabytes if it is let at them.
		if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 100 {
			t.Errorf("%s: allocated %d MB", h.name, mb)
		}
	}
}

func BenchmarkHostile(b *testing.B) {
	for _, h := range hostile() {
		b.Run(h.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = Parse(h.name, []byte(h.doc))
			}
		})
	}
}
