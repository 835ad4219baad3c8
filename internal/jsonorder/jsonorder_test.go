// Object keeps its members in order, nested too, and escapes no HTML.
package jsonorder

import (
	"encoding/json"
	"testing"
)

func TestObject(t *testing.T) {
	o := Object{{"z", 1}, {"a", Object{{"y", "<&>"}, {"b", []string{"x"}}}}}
	got, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"z":1,"a":{"y":"<&>","b":["x"]}}`; string(got) != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
}
