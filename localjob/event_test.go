package localjob

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestEventEncoder checks that an event is exactly what json.Marshal gives
// for it, whatever the task, the schema and the arguments: S3's events are
// what the handler's decoder and its goldens are held to.
func TestEventEncoder(t *testing.T) {
	args := map[string]string{"b": "<&> \u2028 \"q\" é", "a": "1", "": "empty name"}
	tasks := []Task{
		{Bucket: "src", Key: "photos/1.jpg"},
		{Bucket: "src", Key: "a%20b+c", VersionID: "v1", HasVersion: true},
		{Bucket: "src", Key: "k", HasVersion: true}, // a version column, empty: ""
		{Bucket: "b", Key: "<script>&\u2029\"\\\x01\xff"},
	}
	for _, version := range []string{"1.0", "2.0"} {
		for _, a := range []map[string]string{nil, {}, args} {
			enc, err := newEventEncoder(version, "job-1", a)
			if err != nil {
				t.Fatal(err)
			}
			for _, task := range tasks {
				got, taskID, err := enc.encode(task)
				if err != nil {
					t.Fatal(err)
				}
				var ev event
				if err := json.Unmarshal(got, &ev); err != nil {
					t.Fatalf("%s %v %+v: %v\n%s", version, a, task, err, got)
				}
				// The event as S3 builds it, with the ids the encoder drew.
				et := eventTask{TaskID: taskID, S3Key: task.Key}
				if task.HasVersion {
					et.VersionID = &task.VersionID
				}
				job := eventJob{ID: "job-1"}
				if version == "1.0" {
					et.BucketARN = "arn:aws:s3:::" + task.Bucket
				} else {
					et.Bucket, job.UserArguments = task.Bucket, a
				}
				want, _ := json.Marshal(event{SchemaVersion: version, InvocationID: ev.InvocationID, Job: job, Tasks: []eventTask{et}})
				if !bytes.Equal(got, want) {
					t.Errorf("%s %v %+v:\n got %s\nwant %s", version, a, task, got, want)
				}
				if len(ev.Tasks) != 1 || ev.Tasks[0].TaskID != taskID || ev.Job.ID != "job-1" || ev.SchemaVersion != version || len(ev.InvocationID) != 48 {
					t.Errorf("%s: %s, task id %q", version, got, taskID)
				}
				if hasArgs := ev.Job.UserArguments != nil; hasArgs != (version == "2.0" && len(a) > 0) {
					t.Errorf("%s with %v: userArguments %v", version, a, ev.Job.UserArguments)
				}
			}
		}
	}
}

// event is the whole invocation event, as eventEncoder writes it.
type event struct {
	SchemaVersion string      `json:"invocationSchemaVersion"`
	InvocationID  string      `json:"invocationId"`
	Job           eventJob    `json:"job"`
	Tasks         []eventTask `json:"tasks"`
}
