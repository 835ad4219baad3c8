// The lock's format is written and read in one file (lock.go): these tests
// protect that what Encode writes, DecodeLock reads back as it was, and
// that DecodeLock refuses what Encode never writes.
package gen

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/s3batchops/scaffold/schema"
)

func TestLockRoundTrip(t *testing.T) {
	for _, l := range []*Lock{
		{Version: "v1.2.3", Files: map[string]string{"internal/args/x.go": Sum([]byte("x")), "internal/batch/a.go": Sum(nil)}, Args: []LockArg{}},
		{Version: "(devel)", Files: map[string]string{"main.go": Sum([]byte("m"))}, Args: []LockArg{
			{Name: "Mode", Field: "Mode", Type: "args.Mode", Consts: []string{"ModeFast", "ModeSlow"}},
			{Name: "n: \"#", Field: "N", Type: "*int64"},
		}},
		{Version: "(devel)", Files: map[string]string{"internal/batch/a.go": Sum(nil)}, Args: []LockArg{{Name: "K", Field: "K", Type: "string"}},
			Previous: []LockArg{{Name: "P", Field: "P", Type: "string"}}},
	} {
		data := l.Encode()
		got, err := DecodeLock(LockFile, data)
		if err != nil {
			t.Fatalf("DecodeLock(%s): %v", data, err)
		}
		if !reflect.DeepEqual(got, l) {
			t.Errorf("round trip of\n%s\ngot %+v, want %+v", data, got, l)
		}
		if again := got.Encode(); string(again) != string(data) {
			t.Errorf("Encode is not stable:\n%s\nthen\n%s", data, again)
		}
	}
}

func TestDecodeLockRefuses(t *testing.T) {
	for name, data := range map[string]string{
		"bad sum":   "files:\n  \"internal/batch/a.go\": \"md5:00\"\n",
		"upper hex": "files:\n  \"internal/batch/a.go\": \"sha256:" + strings.Repeat("A", 64) + "\"\n",
		"too large": "files:\n" + strings.Repeat("#", MaxLockSize),
		"not yaml":  "files: [",
		// As scaffold writes a lock, but past the bounds on YAML's
		// collection indicators: refused however it is read.
		"canonical, too many indicators": string(manyBrackets().Encode()),
	} {
		if _, err := DecodeLock(LockFile, []byte(data)); err == nil {
			t.Errorf("%s: DecodeLock accepted it", name)
		}
	}
}

// PreviousArgs keeps the API before the last change while the API stays,
// and on a change keeps what earlier changes removed, newest first.
func TestPreviousArgs(t *testing.T) {
	p := LockArg{Name: "Prefix", Field: "Prefix", Type: "string"}
	k := LockArg{Name: "KeyPrefix", Field: "KeyPrefix", Type: "string"}
	m := LockArg{Name: "MaxKeys", Field: "MaxKeys", Type: "*int64"}
	for _, c := range []struct {
		lock *Lock
		args []LockArg
		want []LockArg
	}{
		{&Lock{Args: []LockArg{p}}, []LockArg{p}, nil},
		{&Lock{Args: []LockArg{p}}, []LockArg{k}, []LockArg{p}},
		{&Lock{Args: []LockArg{k}, Previous: []LockArg{p}}, []LockArg{k}, []LockArg{p}},
		{&Lock{Args: []LockArg{k}, Previous: []LockArg{p}}, []LockArg{m}, []LockArg{k, p}},
		{&Lock{Args: []LockArg{k}, Previous: []LockArg{k, p}}, []LockArg{m}, []LockArg{k, p}},
	} {
		if got := PreviousArgs(c.lock, c.args); !reflect.DeepEqual(got, c.want) {
			t.Errorf("PreviousArgs(%+v, %+v) = %+v, want %+v", c.lock, c.args, got, c.want)
		}
	}
}

// manyBrackets is a lock whose paths hold more of YAML's collection
// indicators than schema.CheckYAML allows, all quoted.
func manyBrackets() *Lock {
	l := &Lock{Version: "v", Files: map[string]string{}, Args: []LockArg{}}
	for i := range 600 {
		l.Files[fmt.Sprintf("[[[[[[[[%d.go", i)] = Sum(nil)
	}
	return l
}

// lockSeeds are locks as Encode writes them, with the strings a path, a
// type or a version may hold.
func lockSeeds() []*Lock {
	return []*Lock{
		{Version: "v1.2.3", Files: map[string]string{"main.go": Sum(nil), "internal/args/args.go": Sum([]byte("a"))},
			Args: []LockArg{{Name: "Mode", Field: "Mode", Type: "args.Mode", Consts: []string{"ModeFast", "ModeSlow"}}}},
		{Version: "(devel)", Files: map[string]string{`a": "b.go`: Sum(nil), "é/\u2028.go": Sum(nil), "x\\y.go": Sum(nil)},
			Args: []LockArg{{Name: "n: \"#", Field: "N", Type: "*int64"}}, Previous: []LockArg{{Name: "P", Field: "P", Type: "[]string"}}},
		{Version: "", Files: nil, Args: nil},
		{Version: "v", Files: map[string]string{"internal/batch/a.go": Sum(nil)}, Args: []LockArg{}},
	}
}

// TestDecodeCanonicalLock: a lock as scaffold writes it is read without the
// YAML parser, into what the YAML decoder reads from it.
func TestDecodeCanonicalLock(t *testing.T) {
	for _, l := range lockSeeds() {
		data := l.Encode()
		fast, ok := decodeCanonicalLock(data)
		if !ok {
			t.Errorf("not read as canonical:\n%s", data)
			continue
		}
		checkLockAgrees(t, data, fast)
	}
	// An edit, however small, goes to the YAML decoder.
	data := lockSeeds()[0].Encode()
	for _, edited := range [][]byte{
		bytes.Replace(data, []byte("version: "), []byte("version:  "), 1),
		bytes.Replace(data, []byte("files:\n"), []byte("files: # mine\n"), 1),
		append(data, "\n"...),
		bytes.TrimSuffix(data, []byte("\n")),
	} {
		if _, ok := decodeCanonicalLock(edited); ok {
			t.Errorf("read as canonical:\n%s", edited)
		}
	}
}

// FuzzDecodeLock: whatever the bytes, what the fast path reads is what the
// YAML decoder reads.
func FuzzDecodeLock(f *testing.F) {
	for _, l := range lockSeeds() {
		f.Add(l.Encode())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if fast, ok := decodeCanonicalLock(data); ok {
			checkLockAgrees(t, data, fast)
		}
	})
}

// checkLockAgrees fails t unless the YAML decoder reads data as got.
func checkLockAgrees(t *testing.T, data []byte, got *Lock) {
	t.Helper()
	y, err := schema.CheckYAML(LockFile, data)
	if err != nil {
		t.Fatalf("the fast path read a lock CheckYAML refuses: %v\n%s", err, data)
	}
	var want Lock
	if err := y.Decode(&want); err != nil {
		t.Fatalf("the fast path read a lock the YAML decoder refuses: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("fast path %#v\nYAML      %#v\nfrom\n%s", got, &want, data)
	}
}

// TestFieldTypeName: the type scaffold.lock records is the field's type as
// jennifer writes it, for every kind of argument: required and optional,
// each scalar type, enums, and arrays of each.
func TestFieldTypeName(t *testing.T) {
	kinds := map[string]bool{}
	for _, doc := range []string{`{"type": "object", "required": ["s", "i", "e"], "properties": {
		"s": {"type": "string"}, "os": {"type": "string"},
		"i": {"type": "integer"}, "oi": {"type": "integer"}, "on": {"type": "number"},
		"ob": {"type": "boolean"}, "od": {"type": "string", "format": "duration"},
		"ot": {"type": "string", "format": "date-time"},
		"e": {"type": "string", "enum": ["A", "B"]}, "oe": {"type": "string", "enum": ["A", "B"]}}}`,
		`{"type": "object", "required": ["a"], "properties": {"dd": {"type": "integer", "default": 3},
		"a": {"type": "array", "items": {"type": "string"}}, "ai": {"type": "array", "items": {"type": "integer"}},
		"ad": {"type": "array", "items": {"type": "string", "format": "duration"}},
		"at": {"type": "array", "items": {"type": "string", "format": "date-time"}},
		"ae": {"type": "array", "items": {"type": "string", "enum": ["X", "Y"]}}}}`,
	} {
		s, err := schema.Parse("args.schema.json", []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range s.Args {
			want := fmt.Sprintf("%#v", fieldType(a))
			if got := fieldTypeName(a); got != want {
				t.Errorf("%s: fieldTypeName = %q, jennifer writes %q", a.Name, got, want)
			}
			kinds[want] = true
		}
	}
	if len(kinds) < 14 {
		t.Errorf("only %d kinds of type covered: %v", len(kinds), kinds)
	}
}

// TestMayOwn: every file scaffold owns, in projects of each kind, is one
// MayOwn allows, and no file of the user's is.
func TestMayOwn(t *testing.T) {
	taskOpts := options()
	taskOpts.Task = spec(t, `{"type": "object", "properties": {"k": {"type": "string"}}}`)
	taskOpts.TaskSchemaFile, taskOpts.TaskSchemaData = "task.json", []byte("{}")
	for _, opts := range []Options{options(), taskOpts} {
		fs, err := Generate(spec(t, tenArgs), opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Owner == Scaffold && f.Path != LockFile && MayOwn(f.Path) != nil {
				t.Errorf("scaffold writes %s, which MayOwn refuses", f.Path)
			}
			if f.Owner == User && MayOwn(f.Path) == nil {
				t.Errorf("%s is the user's, and MayOwn allows it", f.Path)
			}
		}
	}
	for _, p := range []string{".env", "function.go", "internal/secret.go", "internal/batch/deep/x.go", "testdata/other/x", LockFile} {
		if MayOwn(p) == nil {
			t.Errorf("MayOwn(%s) = nil, want it refused", p)
		}
	}
}
