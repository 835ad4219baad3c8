// scaffold.yaml has one writer (gen's scaffold.yaml.tmpl) and one reader
// (ReadConfig), both of gen.Options: this test protects that every setting
// written is read back as it was.
package project

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/schema"
)

func TestConfigRoundTrip(t *testing.T) {
	opts := gen.Options{
		Name: "copier", Module: "example.com/copier", InvocationSchemaVersion: "1.0",
		Arch: "x86_64", Starter: "blank", TreatMissingKeysAs: gen.TemporaryFailure,
		Retry:   gen.Retry{Temporary: []string{"Busy"}, Permanent: []string{"Gone", "NoSuch.Key-1_x"}},
		Metrics: gen.Metrics{Enabled: new(false), Namespace: "Jobs/copier"},
	}
	files, err := gen.Generate(&schema.Spec{}, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), files.Lookup(ConfigFile).Data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, opts) {
		t.Errorf("ReadConfig = %+v, want %+v", *got, opts)
	}
}

// TestConfigKeyErrors checks what a key scaffold.yaml does not have is
// told: its place as editors read it, where it goes when it is in the wrong
// section, the key meant when one is near, and a hostile key shown short
// and escaped.
func TestConfigKeyErrors(t *testing.T) {
	long := strings.Repeat("k", 3000)
	for _, tc := range []struct{ yaml, want string }{
		{"name: f\narchitecure: arm64\n", `scaffold.yaml:2:1: unknown field "architecure" (did you mean "architecture"?)`},
		{"name: f\nnamespace: N\n", `scaffold.yaml:2:1: unknown field "namespace": it goes under metrics:`},
		{"name: f\nretry:\n  name: x\n", `scaffold.yaml:3:3: unknown field "name": it goes at the top level`},
		{"name: f\nzzz: 1\n", `scaffold.yaml:2:1: unknown field "zzz"`},
		{"name: f\n\"a\\x1b[2Jb\": 1\n", `scaffold.yaml:2:1: unknown field "a\x1b[2Jb"`},
		{"name: f\n" + long + ": 1\n", `scaffold.yaml:2:1: unknown field "kkkk`},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte(tc.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadConfig(dir)
		if err == nil {
			t.Errorf("%q: no error", tc.yaml)
			continue
		}
		msg := strings.TrimPrefix(err.Error(), dir+string(filepath.Separator))
		if !strings.HasPrefix(msg, tc.want) {
			t.Errorf("%.40q: %q, want it to begin %q", tc.yaml, msg, tc.want)
		}
		if strings.ContainsRune(msg, 0x1b) || len(msg) > 400 {
			t.Errorf("%.40q: %d bytes, or an escape unquoted: %q", tc.yaml, len(msg), msg)
		}
	}
}
