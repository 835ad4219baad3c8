package batch_test

// These tests use the runtime from outside the package, as a project does:
// through NewHandler, with the response read as S3 reads it rather than
// through the runtime's own types. The helpers here are also those of the
// project's own tests (project_test.go, generated for its schema, in this
// package beside this file).

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/s3batchops/scaffold/templates/runtime/batch"
)

// response is the response as S3 reads it.
type response struct {
	InvocationSchemaVersion string `json:"invocationSchemaVersion"`
	TreatMissingKeysAs      string `json:"treatMissingKeysAs"`
	InvocationID            string `json:"invocationId"`
	Results                 []struct {
		TaskID       string `json:"taskId"`
		ResultCode   string `json:"resultCode"`
		ResultString string `json:"resultString"`
	} `json:"results"`
}

// invoke runs h on payload and decodes the response, which must have no
// members S3 does not read; it fails t on an error.
func invoke(t *testing.T, h lambda.Handler, payload []byte) response {
	t.Helper()
	out, err := h.Invoke(context.Background(), payload)
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

// recorder is a process function, for arguments of type A, that records
// its tasks and answers "done " and the key.
type recorder[A any] struct {
	tasks []batch.Task
}

func (r *recorder[A]) process(_ context.Context, task batch.Task, _ A) (string, error) {
	r.tasks = append(r.tasks, task)
	return "done " + task.Key, nil
}

// TestFromOutside wires a Handler as a project's main.go does and checks
// the response S3 would read: the event's ids echoed, one result per task
// in order, each key decoded for Process.
func TestFromOutside(t *testing.T) {
	var rec recorder[map[string]string]
	parse := func(m map[string]string) (map[string]string, error) { return m, nil }
	h := batch.NewHandler(parse, rec.process, batch.Config{TreatMissingKeysAs: batch.TemporaryFailure, Logger: slog.New(slog.DiscardHandler)})
	event := `{"invocationSchemaVersion":"2.0","invocationId":"b3V0c2lkZQ","job":{"id":"j","userArguments":{}},"tasks":[` +
		`{"taskId":"t1","s3Key":"a+b%2B.txt","s3VersionId":null,"s3Bucket":"amzn-s3-demo-bucket"},` +
		`{"taskId":"t2","s3Key":"c","s3VersionId":"v2","s3Bucket":"amzn-s3-demo-bucket"}]}`
	resp := invoke(t, h, []byte(event))
	if resp.InvocationID != "b3V0c2lkZQ" || resp.InvocationSchemaVersion != "2.0" || resp.TreatMissingKeysAs != "TemporaryFailure" {
		t.Errorf("response header = %+v, want the event's invocationId and schema version echoed, and Config's TreatMissingKeysAs", resp)
	}
	want := []string{"t1 Succeeded done a b+.txt", "t2 Succeeded done c"}
	if len(resp.Results) != len(want) {
		t.Fatalf("%d results, want %d: %+v", len(resp.Results), len(want), resp.Results)
	}
	for i, r := range resp.Results {
		if got := r.TaskID + " " + r.ResultCode + " " + r.ResultString; got != want[i] {
			t.Errorf("result %d = %q, want %q", i, got, want[i])
		}
	}
	if len(rec.tasks) != 2 || rec.tasks[0].RawKey != "a+b%2B.txt" || rec.tasks[1].VersionID != "v2" {
		t.Errorf("Process got %+v", rec.tasks)
	}
}
