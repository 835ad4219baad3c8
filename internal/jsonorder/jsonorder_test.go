// Object keeps its members in order, nested too; written with an encoder
// that escapes no HTML, as scaffold writes documents, "<&>" stays as is.
package jsonorder

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestObject(t *testing.T) {
	o := Object{{"z", 1}, {"a", Object{{"y", "<&>"}, {"b", []string{"x"}}}}}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(o); err != nil {
		t.Fatal(err)
	}
	if want := `{"z":1,"a":{"y":"<&>","b":["x"]}}` + "\n"; buf.String() != want {
		t.Errorf("Encode = %s, want %s", buf.String(), want)
	}
}
