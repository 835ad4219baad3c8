package localjob

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"math/rand/v2"
)

// eventJob and eventTask are the parts of the invocation event as S3
// builds it, one task an invocation: schema 2.0 has the bucket's name and
// the job's arguments, schema 1.0 the bucket's ARN. eventEncoder writes the
// event piece by piece, encoding these; the tests hold it to json.Marshal
// of the whole event.
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

// eventEncoder writes the events of one job, each the bytes json.Marshal
// gives for its event. What every event of the job shares (the schema
// version, the job's id and arguments) is encoded once: an event is then
// its ids and its task.
type eventEncoder struct {
	schemaVersion string
	head          []byte // {"invocationSchemaVersion":"…","invocationId":
	job           []byte // ,"job":{…},"tasks":[
}

func newEventEncoder(schemaVersion, jobID string, args map[string]string) (*eventEncoder, error) {
	job := eventJob{ID: jobID}
	if schemaVersion != "1.0" {
		job.UserArguments = args
	}
	jobJSON, err := json.Marshal(job)
	if err != nil {
		return nil, err
	}
	version, err := json.Marshal(schemaVersion)
	if err != nil {
		return nil, err
	}
	e := &eventEncoder{schemaVersion: schemaVersion}
	e.head = append(append([]byte(`{"invocationSchemaVersion":`), version...), `,"invocationId":`...)
	e.job = append(append([]byte(`,"job":`), jobJSON...), `,"tasks":[`...)
	return e, nil
}

// encode returns the event of one attempt at t, and its task id.
func (e *eventEncoder) encode(t Task) ([]byte, string, error) {
	taskID := randomID(12)
	et := eventTask{TaskID: taskID, S3Key: t.Key}
	if t.HasVersion {
		v := t.VersionID
		et.VersionID = &v
	}
	if e.schemaVersion == "1.0" {
		et.BucketARN = "arn:aws:s3:::" + t.Bucket
	} else {
		et.Bucket = t.Bucket
	}
	task, err := json.Marshal(et)
	if err != nil {
		return nil, "", err
	}
	// The ids are base64url: nothing in them needs escaping.
	const idLen = 48 // base64 of 36 bytes
	b := make([]byte, 0, len(e.head)+idLen+2+len(e.job)+len(task)+2)
	b = append(b, e.head...)
	b = append(b, '"')
	b = append(b, randomID(36)...)
	b = append(b, '"')
	b = append(b, e.job...)
	b = append(b, task...)
	return append(b, "]}"...), taskID, nil
}

// randomID is n random bytes in unpadded base64, like S3's ids. They name
// tasks and invocations on this machine, where nothing depends on their
// being unpredictable: math/rand/v2's generator, not a system call.
func randomID(n int) string {
	b := make([]byte, (n+7)/8*8)
	for i := 0; i < len(b); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], rand.Uint64())
	}
	return base64.RawURLEncoding.EncodeToString(b[:n])
}
