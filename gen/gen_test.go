package gen

// These tests protect the generator's contract: the same input gives the
// same bytes, nothing from a schema can escape a comment, options that cannot
// work are refused, and fragments of the emitted Go read as intended. Whole
// projects are covered by the goldens in ../golden.

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/s3batchops/scaffold/schema"
)

// tenArgs is a schema with S3's maximum of 10 arguments, one of each kind.
var tenArgs = func() string {
	data, err := os.ReadFile("../examples/tenargs.schema.json")
	if err != nil {
		panic(err)
	}
	return string(data)
}()

func spec(t testing.TB, doc string) *schema.Spec {
	t.Helper()
	s, err := schema.Parse("args.schema.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func options() Options {
	return Options{Name: "fn", Module: "example.com/fn", InvocationSchemaVersion: "2.0", Arch: "arm64",
		SchemaFile: "args.schema.json", SchemaData: []byte(tenArgs), Version: "test"}
}

func TestGenerateIsDeterministic(t *testing.T) {
	first, err := Generate(spec(t, tenArgs), options())
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, err := Generate(spec(t, tenArgs), options())
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != len(first) {
			t.Fatalf("%d files, then %d", len(first), len(again))
		}
		for i := range first {
			if first[i].Path != again[i].Path || !bytes.Equal(first[i].Data, again[i].Data) {
				t.Fatalf("%s differs between two runs", first[i].Path)
			}
		}
	}
}

func TestGenerateFileSet(t *testing.T) {
	fs, err := Generate(spec(t, tenArgs), options())
	if err != nil {
		t.Fatal(err)
	}
	owners := map[string]Owner{}
	for i, f := range fs {
		if i > 0 && fs[i-1].Path >= f.Path {
			t.Errorf("files not sorted: %s before %s", fs[i-1].Path, f.Path)
		}
		owners[f.Path] = f.Owner
	}
	for path, want := range map[string]Owner{
		"function.go": User, "function_test.go": User, "README.md": User, "scaffold.yaml": User, "args.schema.json": User,
		"main.go": Scaffold, "internal/args/args.go": Scaffold, "go.mod": Scaffold, "scaffold.lock": Scaffold, "Makefile": Scaffold,
	} {
		if got, ok := owners[path]; !ok || got != want {
			t.Errorf("%s: owner %v (present %v), want %v", path, got, ok, want)
		}
	}
	lock := string(fs.Lookup("scaffold.lock").Data)
	for _, f := range fs {
		listed := strings.Contains(lock, fmt.Sprintf("%q: %q", f.Path, Sum(f.Data)))
		if want := f.Owner == Scaffold && f.Path != "scaffold.lock"; listed != want {
			t.Errorf("%s: listed in scaffold.lock with its hash = %v, want %v", f.Path, listed, want)
		}
	}
	for _, f := range fs {
		if strings.HasSuffix(f.Path, ".go") && (f.Owner == Scaffold) != bytes.Contains(f.Data, []byte(generatedHeader)) {
			t.Errorf("%s: the DO NOT EDIT header should be on scaffold's files only", f.Path)
		}
	}
}

func TestGenerateRefusesOptions(t *testing.T) {
	for _, tc := range []struct {
		change func(*Options)
		want   string
	}{
		{func(o *Options) { o.InvocationSchemaVersion = "1.0" }, `invocationSchemaVersion "1.0": schema 1.0 events carry no UserArguments`},
		{func(o *Options) { o.InvocationSchemaVersion = "3.0" }, `invocationSchemaVersion "3.0": want 1.0 or 2.0`},
		{func(o *Options) { o.Arch = "386" }, `architecture "386"`},
		{func(o *Options) { o.Module = "not a path" }, `module path "not a path"`},
		{func(o *Options) { o.TreatMissingKeysAs = "Maybe" }, `treatMissingKeysAs "Maybe"`},
		{func(o *Options) { o.SchemaFile = "template.yaml" }, "the schema file template.yaml has the name of a file scaffold writes"},
		{func(o *Options) { o.Name = "ab\ncd" }, `name "ab\ncd": a Lambda function name has`},
		{func(o *Options) { o.Retry.Permanent = []string{"Slow\x1b[31mDown"} }, `retry.permanent "Slow\x1b[31mDown": an AWS error code has`},
		{func(o *Options) { o.Retry.Temporary = make([]string, 101) }, `retry.temporary: 101 codes, more than the limit of 100 (MaxRetryCodes)`},
	} {
		o := options()
		tc.change(&o)
		if _, err := Generate(spec(t, tenArgs), o); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Generate = %v, want %q", err, tc.want)
		}
	}
}

// TestDocComment checks that schema text cannot leave its comment: no
// comment terminator, directive or line break survives as such.
func TestDocComment(t *testing.T) {
	hostile := "first */ line\n//go:generate rm -rf /\r\nthird\u2028fourth\u2029fifth\u0085sixth \u202e\x00 end\n\n"
	f := jen.NewFile("p")
	for _, c := range docComment(hostile) {
		f.Add(c)
	}
	f.Var().Id("x").Int()
	out := fmt.Sprintf("%#v", f)
	want := "package p\n\n" +
		"// first */ line\n" +
		"//\n" +
		"//\t//go:generate rm -rf /\n" + // a code block in the doc comment: not a directive
		"//\n" +
		"// third\n" +
		"// fourth\n" +
		"// fifth\n" +
		"// sixth \\u202E\\u0000 end\n" +
		"var x int\n"
	if out != want {
		t.Errorf("rendered\n%s\nwant\n%s", out, want)
	}
}

// TestEmitParseArg renders the parse function of one argument.
func TestEmitParseArg(t *testing.T) {
	s := spec(t, `{"properties": {"max-keys": {"type": "integer", "minimum": 1, "exclusiveMaximum": 1000}}}`)
	f := jen.NewFile("args")
	f.Add(emitParseArg(s.Args[0]))
	rendered := fmt.Sprintf("%#v", f)
	got := rendered[strings.Index(rendered, "// parseMaxKeys"):]
	want := `// parseMaxKeys parses the argument "max-keys".
func parseMaxKeys(s string) (int64, error) {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return v, &Error{
			Arg: "max-keys",
			Msg: fmt.Sprintf("%q is not an integer", s),
		}
	}
	var probs []string
	if v < 1 {
		probs = append(probs, fmt.Sprintf("%s is less than the minimum, %s", s, "1"))
	}
	if v >= 1000 {
		probs = append(probs, fmt.Sprintf("%s is not less than %s", s, "1000"))
	}
	return v, argError("max-keys", probs)
}
`
	if got != want {
		t.Errorf("rendered\n%s\nwant\n%s", got, want)
	}
}

// BenchmarkGenerate measures Generate for a schema of 10 arguments, all in
// memory: the work `scaffold new` does between reading and writing.
func BenchmarkGenerate(b *testing.B) {
	s := spec(b, tenArgs)
	o := options()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(s, o); err != nil {
			b.Fatal(err)
		}
	}
}
