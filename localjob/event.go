package localjob

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
)

// eventJob and eventTask are the invocation event as S3 builds it: one
// task an invocation; schema 2.0 has the bucket's name and the job's
// arguments, schema 1.0 the bucket's ARN.
type event struct {
	SchemaVersion string      `json:"invocationSchemaVersion"`
	InvocationID  string      `json:"invocationId"`
	Job           eventJob    `json:"job"`
	Tasks         []eventTask `json:"tasks"`
}

type eventJob struct {
	ID            string            `json:"id"`
	UserArguments map[string]string `json:"userArguments,omitempty"`
}

type eventTask struct {
	TaskID    string  `json:"taskId"`
	S3Key     string  `json:"s3Key"`
	VersionID *string `json:"s3VersionId"`
	BucketARN string  `json:"s3BucketArn,omitempty"`
	Bucket    string  `json:"s3Bucket,omitempty"`
}

// newEvent returns the event of one attempt at t, and its task id.
func newEvent(schemaVersion, jobID string, args map[string]string, t Task) ([]byte, string, error) {
	taskID := randomID(12)
	et := eventTask{TaskID: taskID, S3Key: t.Key}
	if t.HasVersion {
		v := t.VersionID
		et.VersionID = &v
	}
	ev := event{SchemaVersion: schemaVersion, InvocationID: randomID(36), Job: eventJob{ID: jobID}, Tasks: []eventTask{et}}
	if schemaVersion == "1.0" {
		ev.Tasks[0].BucketARN = "arn:aws:s3:::" + t.Bucket
	} else {
		ev.Tasks[0].Bucket = t.Bucket
		ev.Job.UserArguments = args
	}
	data, err := json.Marshal(ev)
	return data, taskID, err
}

// randomID is n random bytes in unpadded base64, like S3's ids.
func randomID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
