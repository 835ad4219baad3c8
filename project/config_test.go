// scaffold.yaml has one writer (gen's scaffold.yaml.tmpl) and one reader
// (ReadConfig), both of gen.Options: this test protects that every setting
// written is read back as it was.
package project

import (
	"os"
	"path/filepath"
	"reflect"
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
