package batch

// These tests drive Handler.Invoke with the seed events of the AWS
// documentation and with edge cases, and check the bytes of the response:
// one result per task, in order, with the right code and result string.
// The arguments are a plain map here; the project's own tests
// (project_test.go) run the same seeds through its args.Parse.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The seed events of the AWS documentation, and one with keys to decode.
const (
	seed10 = `{
  "invocationSchemaVersion": "1.0",
  "invocationId": "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo",
  "job": {"id": "f3cc4f60-61f6-4a2b-8a21-d07600c373ce"},
  "tasks": [{"taskId": "dGFza2lkZ29lc2hlcmUK", "s3Key": "customerImage1.jpg", "s3VersionId": "1",
             "s3BucketArn": "arn:aws:s3:us-east-1:0123456788:awsexamplebucket1"}]
}`
	seed20 = `{
  "invocationSchemaVersion": "2.0",
  "invocationId": "Jr3s8KZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZzatx7Ruy",
  "job": {"id": "ry77cd60-61f6-4a2b-8a21-d07600c874gf",
          "userArguments": {"MyDestinationBucket": "amzn-s3-demo-destination-bucket"}},
  "tasks": [{"taskId": "y5R3a2lkZ29lc2hlurcS", "s3Key": "photos/2024/customerImage1.jpg", "s3VersionId": null,
             "s3Bucket": "amzn-s3-demo-bucket"}]
}`
	keys20 = `{
  "invocationSchemaVersion": "2.0",
  "invocationId": "a2V5cy1hbmQtdmVyc2lvbnMtZXZlbnQ",
  "job": {"id": "5b1d0a5e-2c7e-4a8f-9d3b-6e4f7a8b9c0d", "userArguments": {}},
  "tasks": [
    {"taskId": "dGFzay1wbHVz", "s3Key": "my+key%2B1.txt", "s3VersionId": null, "s3Bucket": "amzn-s3-demo-bucket"},
    {"taskId": "dGFzay11dGY4", "s3Key": "caf%C3%A9/%E5%86%99%E7%9C%9F.jpg", "s3VersionId": "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", "s3Bucket": "amzn-s3-demo-bucket"},
    {"taskId": "dGFzay1iYWQ", "s3Key": "bad%zz", "s3VersionId": null, "s3Bucket": "amzn-s3-demo-bucket"}
  ]
}`
)

// args is what the tests' handlers parse UserArguments into.
type args = map[string]string

func parseArgs(m map[string]string) (args, error) { return m, nil }

// testConfig is the Config of a project with scaffold.yaml's defaults.
var testConfig = Config{TreatMissingKeysAs: PermanentFailure, Logger: slog.New(slog.DiscardHandler)}

// newTestHandler returns a Handler of process with parseArgs and testConfig.
func newTestHandler(process ProcessFunc[args]) *Handler[args] {
	return NewHandler(parseArgs, process, testConfig)
}

// invoke runs h on payload and decodes the response, which must have no
// members S3 does not read; it fails t on an error.
func invoke(t *testing.T, h *Handler[args], payload string) response {
	t.Helper()
	out, err := h.Invoke(context.Background(), []byte(payload))
	if err != nil {
		t.Fatalf("Invoke: %v", err)
	}
	var resp response
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&resp); err != nil {
		t.Fatalf("response %s: %v", out, err)
	}
	return resp
}

// recorder is a process function that records its tasks and arguments and
// answers "done " and the key.
type recorder struct {
	tasks []Task
	args  []args
}

func (r *recorder) process(_ context.Context, task Task, a args) (string, error) {
	r.tasks = append(r.tasks, task)
	r.args = append(r.args, a)
	return "done " + task.Key, nil
}

// event2 is a 2.0 event with one task per key.
func event2(t testing.TB, keys ...string) string {
	var tasks []any
	for i, k := range keys {
		tasks = append(tasks, map[string]any{"taskId": fmt.Sprint("task", i), "s3Key": k, "s3VersionId": nil, "s3Bucket": "amzn-s3-demo-bucket"})
	}
	data, err := json.Marshal(map[string]any{"invocationSchemaVersion": "2.0", "invocationId": "aW52", "job": map[string]any{"id": "j"}, "tasks": tasks})
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestSeedEvents(t *testing.T) {
	for _, tc := range []struct {
		name, payload string
		task          Task
		args          args
	}{{
		name: "1.0", payload: seed10,
		task: Task{ID: "dGFza2lkZ29lc2hlcmUK", JobID: "f3cc4f60-61f6-4a2b-8a21-d07600c373ce",
			InvocationID: "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo", SchemaVersion: "1.0",
			Bucket: "awsexamplebucket1", BucketARN: "arn:aws:s3:us-east-1:0123456788:awsexamplebucket1",
			Key: "customerImage1.jpg", RawKey: "customerImage1.jpg", VersionID: "1"},
	}, {
		name: "2.0", payload: seed20,
		task: Task{ID: "y5R3a2lkZ29lc2hlurcS", JobID: "ry77cd60-61f6-4a2b-8a21-d07600c874gf",
			InvocationID: "Jr3s8KZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZzatx7Ruy", SchemaVersion: "2.0",
			Bucket: "amzn-s3-demo-bucket", Key: "photos/2024/customerImage1.jpg", RawKey: "photos/2024/customerImage1.jpg"},
		args: args{"MyDestinationBucket": "amzn-s3-demo-destination-bucket"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			var rec recorder
			resp := invoke(t, newTestHandler(rec.process), tc.payload)
			if resp.InvocationID != tc.task.InvocationID || resp.InvocationSchemaVersion != tc.task.SchemaVersion || resp.TreatMissingKeysAs != PermanentFailure {
				t.Errorf("response header = %+v, want the event's invocationId and schema version echoed", resp)
			}
			want := []result{{tc.task.ID, Succeeded, "done " + tc.task.Key}}
			if !slices.Equal(resp.Results, want) {
				t.Errorf("results = %+v, want %+v", resp.Results, want)
			}
			if len(rec.tasks) != 1 || rec.tasks[0] != tc.task {
				t.Errorf("Process got %+v\nwant %+v", rec.tasks, tc.task)
			}
			if len(rec.args) != 1 || !equalArgs(rec.args[0], tc.args) {
				t.Errorf("Process got arguments %v, want %v", rec.args, tc.args)
			}
		})
	}
}

// equalArgs compares arguments, a missing map being equal to an empty one.
func equalArgs(a, b args) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestKeys: keys are decoded as unquote_plus does, null and real version
// ids arrive, a key that cannot be decoded fails alone, and the arguments
// are parsed once for all tasks.
func TestKeys(t *testing.T) {
	var rec recorder
	parses := 0
	h := NewHandler(func(m map[string]string) (args, error) {
		parses++
		return m, nil
	}, rec.process, testConfig)
	resp := invoke(t, h, keys20)
	if parses != 1 {
		t.Errorf("arguments parsed %d times, want once per invocation", parses)
	}
	want := []result{
		{"dGFzay1wbHVz", Succeeded, "done my key+1.txt"},
		{"dGFzay11dGY4", Succeeded, "done café/写真.jpg"},
		{"dGFzay1iYWQ", PermanentFailure, `s3Key "bad%zz" is not URL-encoded: invalid URL escape "%zz"`},
	}
	if !slices.Equal(resp.Results, want) {
		t.Errorf("results = %+v\nwant %+v", resp.Results, want)
	}
	if len(rec.tasks) != 2 {
		t.Fatalf("Process ran %d times, want 2", len(rec.tasks))
	}
	if got := rec.tasks[1]; got.VersionID != "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY" || got.RawKey != "caf%C3%A9/%E5%86%99%E7%9C%9F.jpg" {
		t.Errorf("task = %+v, want the version and the raw key kept", got)
	}
}

// TestInvalidArguments: arguments parse rejects fail every task
// permanently, with parse's message on one line, without running the
// function.
func TestInvalidArguments(t *testing.T) {
	var rec recorder
	h := NewHandler(func(map[string]string) (args, error) {
		return nil, errors.New("argument \"a\": is not an argument\nargument \"b\": is required")
	}, rec.process, testConfig)
	resp := invoke(t, h, event2(t, "x", "y"))
	if len(rec.tasks) != 0 {
		t.Errorf("Process ran on %d tasks, want none", len(rec.tasks))
	}
	const msg = `invalid user arguments: argument "a": is not an argument; argument "b": is required`
	if want := []result{{"task0", PermanentFailure, msg}, {"task1", PermanentFailure, msg}}; !slices.Equal(resp.Results, want) {
		t.Errorf("results = %+v\nwant %+v", resp.Results, want)
	}
}

func TestPanic(t *testing.T) {
	h := newTestHandler(func(_ context.Context, task Task, _ args) (string, error) {
		if task.Key == "boom" {
			panic("boom")
		}
		return "ok", nil
	})
	resp := invoke(t, h, event2(t, "a", "boom", "c"))
	want := []result{{"task0", Succeeded, "ok"}, {"task1", PermanentFailure, "panic: boom"}, {"task2", Succeeded, "ok"}}
	if !slices.Equal(resp.Results, want) {
		t.Errorf("results = %+v\nwant %+v", resp.Results, want)
	}
}

// s3ResultLength is S3's limit on a result string in the completion report,
// 1,024 characters (S3 User Guide, "Invoke AWS Lambda function"; scaffold's
// internal/limitstest). It is written out rather than read from
// MaxResultLength, so that a change to that constant fails these tests.
const s3ResultLength = 1024

// TestResultLength: S3 keeps 1,024 characters of a result string, so the
// handler sends at most that many, cut between characters, as valid UTF-8.
func TestResultLength(t *testing.T) {
	for _, tc := range []struct {
		name, out, want string
	}{
		{"short, two-byte characters", strings.Repeat("é", 600), strings.Repeat("é", 600)},
		{"exactly the limit", strings.Repeat("猫", 1024), strings.Repeat("猫", 1024)},
		{"one past the limit", strings.Repeat("a", 1025), strings.Repeat("a", 1024)},
		{"long, two-byte characters", strings.Repeat("é", 2000), strings.Repeat("é", 1024)},
		{"long, four-byte characters", strings.Repeat("😀", 1500), strings.Repeat("😀", 1024)},
		{"a broken byte", "\xff" + strings.Repeat("a", 2000), "\uFFFD" + strings.Repeat("a", 1023)},
	} {
		h := newTestHandler(func(context.Context, Task, args) (string, error) { return tc.out, nil })
		got := invoke(t, h, event2(t, "a")).Results[0].ResultString
		if got != tc.want {
			t.Errorf("%s: result string of %d characters (%d bytes, valid UTF-8: %v), want %d characters",
				tc.name, utf8.RuneCountInString(got), len(got), utf8.ValidString(got), utf8.RuneCountInString(tc.want))
		}
	}
}

// TestBadPayloads: what is not an event is a function error; an event
// without tasks is answered with no results; a task without a bucket or a
// key fails alone.
func TestBadPayloads(t *testing.T) {
	h := newTestHandler(nil)
	for _, payload := range []string{
		`not json`,
		`[]`,
		`{"invocationSchemaVersion":"2.0","tasks":[]}`,
		`{"invocationSchemaVersion":"3.0","invocationId":"x","tasks":[]}`,
		`{"invocationSchemaVersion":"2.0","invocationId":"x","tasks":[{"taskId":1}]}`,
	} {
		if out, err := h.Invoke(context.Background(), []byte(payload)); err == nil {
			t.Errorf("Invoke(%s) = %s, want an error", payload, out)
		}
	}
	resp := invoke(t, h, `{"invocationSchemaVersion":"2.0","invocationId":"x","job":{"id":"j"},"tasks":[]}`)
	if resp.Results == nil || len(resp.Results) != 0 {
		t.Errorf("results = %#v, want []", resp.Results)
	}
	resp = invoke(t, h, `{"invocationSchemaVersion":"1.0","invocationId":"x","job":{"id":"j"},"tasks":[{"taskId":"a","s3Key":"k"},{"taskId":"b","s3BucketArn":"arn:aws:s3:::b"}]}`)
	want := []result{{"a", PermanentFailure, "the task has no s3Bucket or s3BucketArn"}, {"b", PermanentFailure, "the task has no s3Key"}}
	if !slices.Equal(resp.Results, want) {
		t.Errorf("results = %+v\nwant %+v", resp.Results, want)
	}
}

// TestRepeatedKeys: a repeated member counts as encoding/json counts it, so
// the tasks answered are the tasks encoding/json would see.
func TestRepeatedKeys(t *testing.T) {
	const head = `{"invocationSchemaVersion":"2.0","invocationId":"x",`
	const task = `{"taskId":"t","s3Key":"k","s3Bucket":"b"}`
	for _, tc := range []struct {
		payload string
		want    []result
	}{
		{head + `"tasks":[` + task + `],"tasks":null}`, []result{}},
		{head + `"tasks":[` + task + `],"tasks":[]}`, []result{}},
		{head + `"tasks":[` + task + `],"tasks":[{}]}`, []result{{"t", Succeeded, "done k"}}},
		{head + `"tasks":[` + task + `],"TASKS":[{"s3Key":"k2"},{"taskId":"u"}]}`, []result{{"t", Succeeded, "done k2"}, {"u", PermanentFailure, "the task has no s3Bucket or s3BucketArn"}}},
	} {
		var rec recorder
		resp := invoke(t, newTestHandler(rec.process), tc.payload)
		if !slices.Equal(resp.Results, tc.want) {
			t.Errorf("%s: results = %+v\nwant %+v", tc.payload, resp.Results, tc.want)
		}
	}
}

// FuzzInvoke: whatever the payload, Invoke answers one result per task, as
// encoding/json counts them, with a valid code and at most s3ResultLength
// characters, or returns an error; it never panics.
func FuzzInvoke(f *testing.F) {
	for _, s := range []string{seed10, seed20, keys20, event2(f, "a%", "%zz", strings.Repeat("é", 1100))} {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"invocationSchemaVersion":"2.0","invocationId":"x","job":{"userArguments":{"a":"b"}},"tasks":[{"taskId":"t","s3Key":"%","s3Bucket":""}]}`))
	f.Add([]byte(`{"invocationSchemaVersion":"2.0","invocationId":"x","tasks":[{"taskId":"t","s3Key":"k","s3Bucket":"b"}],"tasks":null}`))
	f.Add([]byte(`{"invocationSchemaVersion":"2.0","invocationId":"x","tasks":[{"taskId":"t","s3Key":"k","s3Bucket":"b"},{}],"tasks":[{}],"tasks":[null,{}]}`))
	h := newTestHandler(func(_ context.Context, task Task, _ args) (string, error) { return task.Key, nil })
	f.Fuzz(func(t *testing.T, payload []byte) {
		out, err := h.Invoke(context.Background(), payload)
		if err != nil {
			return
		}
		var in struct {
			Tasks []json.RawMessage `json:"tasks"`
		}
		if err := json.Unmarshal(payload, &in); err != nil {
			t.Fatalf("Invoke accepted a payload encoding/json rejects: %v", err)
		}
		var resp response
		if err := json.Unmarshal(out, &resp); err != nil {
			t.Fatalf("response is not JSON: %v\n%s", err, out)
		}
		if len(resp.Results) != len(in.Tasks) {
			t.Fatalf("%d results for %d tasks", len(resp.Results), len(in.Tasks))
		}
		for _, r := range resp.Results {
			switch r.ResultCode {
			case Succeeded, TemporaryFailure, PermanentFailure:
			default:
				t.Fatalf("result code %q", r.ResultCode)
			}
			if n := utf8.RuneCountInString(r.ResultString); n > s3ResultLength || !utf8.ValidString(r.ResultString) {
				t.Fatalf("result string of %d characters (valid UTF-8: %v)", n, utf8.ValidString(r.ResultString))
			}
		}
	})
}
