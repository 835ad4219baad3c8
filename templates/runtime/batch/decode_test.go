package batch

// FuzzDecodeEvent protects the hand-written decoder: on any input it must
// accept and decode exactly what encoding/json does, repeated and
// differently cased keys and nulls included.

import (
	"encoding/json"
	"reflect"
	"testing"
)

func FuzzDecodeEvent(f *testing.F) {
	for _, s := range []string{
		seed10, seed20, keys20,
		`{"TASKS":[null,{"taskid":"\u00e9\ud800","s3versionid":null}],"job":{"userArguments":{"a":"b","a":"c"}},"x":[1.5e3,-0,true,{}]}`,
		`{"tasks":[],"job":null,"invocationId":null}`,
		"{\"s3Key\":\"\xff\"}",
		`{"x":01}`,
		`null`,
		`{"a":1} {}`,
		// Repeated keys: null empties tasks; a later array decodes over the
		// earlier elements, reaching past the length into what a longer
		// array left; userArguments merge, and null empties them.
		`{"tasks":[{"taskId":"t"}],"tasks":null}`,
		`{"tasks":[{"taskId":"t","s3Key":"k"}],"tasks":[{}]}`,
		`{"tasks":[{"taskId":"a"},{"taskId":"b"}],"tasks":[{"s3Key":"c"}],"tasks":[{},{}]}`,
		`{"tasks":[{"taskId":"a"},{"taskId":"b"}],"tasks":[],"tasks":[{},{}]}`,
		`{"tasks":[{"taskId":"a","s3VersionId":"v"}],"Tasks":[{"s3VersionId":null}],"tasks":[null]}`,
		`{"job":{"userArguments":{"a":"b"}},"job":{"userArguments":{"c":"d"}}}`,
		`{"job":{"userArguments":{"a":"b"}},"job":{"userArguments":null}}`,
		`{"job":{"id":"j"},"job":null,"invocationId":"x","invocationId":null}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var want event
		wantErr := json.Unmarshal(data, &want)
		// With a spare first task, as Invoke decodes, and without.
		var spare [1]eventTask
		for _, first := range [][]eventTask{spare[:0], nil} {
			var got event
			gotErr := new(decoder).decodeEvent(data, &got, first)
			if (wantErr == nil) != (gotErr == nil) {
				t.Fatalf("encoding/json: %v; decodeEvent: %v", wantErr, gotErr)
			}
			if wantErr == nil && !reflect.DeepEqual(want, got) {
				t.Fatalf("encoding/json: %+v\ndecodeEvent:  %+v", want, got)
			}
		}
	})
}
