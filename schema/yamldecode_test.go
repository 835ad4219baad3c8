package schema

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/goccy/go-yaml"
)

// TestCheckYAMLRefusesAliasesInAnyDocument: an anchor or alias is refused
// in whichever document of the file it is, also when a later one has none.
func TestCheckYAMLRefusesAliasesInAnyDocument(t *testing.T) {
	for _, data := range []string{
		"a: &x 1\n---\nb: 2\n",
		"a: 1\n---\nb: &x 1\nc: *x\n",
	} {
		if _, err := CheckYAML("f.yaml", []byte(data)); err == nil {
			t.Errorf("CheckYAML accepted %q", data)
		}
	}
}

// TestYAMLDecodeIsUnmarshal: decoding the file CheckYAML parsed gives what
// decoding its bytes gives, value and error alike.
func TestYAMLDecodeIsUnmarshal(t *testing.T) {
	type doc struct {
		Name  string            `yaml:"name"`
		Files map[string]string `yaml:"files"`
		N     int               `yaml:"n"`
	}
	for _, data := range []string{
		"name: x\nfiles:\n  \"a.go\": \"s\"\nn: 3\n",
		"",
		"# only a comment\n",
		"name: x\n---\nname: y\n",
		"name: [\n",
		"n: not a number\n",
		"unknown: 1\n",
		"- a list\n",
		// Several documents, and tags: encoding/json's rules do not apply;
		// goccy's Unmarshal skips a leading null document and converts
		// every one.
		"--- !!null\n---\nname: y\n",
		"--- !!map\n---\nname: y\n",
		"name: x\n---\n!!bool maybe\n",
		"!!map\nname: x\n",
	} {
		var want, got doc
		wantErr := yaml.UnmarshalWithOptions([]byte(data), &want, yaml.DisallowUnknownField())
		y, err := CheckYAML("f.yaml", []byte(data))
		if err != nil {
			t.Fatalf("CheckYAML(%q): %v", data, err)
		}
		gotErr := y.Decode(&got, yaml.DisallowUnknownField())
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: Decode gives %+v, %v; Unmarshal gives %+v, %v", data, got, gotErr, want, wantErr)
		}
	}
}
