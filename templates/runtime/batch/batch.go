// Package batch is the function's S3 Batch Operations runtime. Its Handler owns
// the bytes of the invocation event and of the response, as Java's
// RequestStreamHandler does: it reads invocation schema 1.0 and 2.0, decodes
// each task's key, parses the job's UserArguments once per invocation, runs
// the function on every task with panic recovery and a soft deadline, and
// answers exactly one result per task.
//
// A task's error is classified as S3 expects (see Config.Classify):
// TemporaryFailure for what is worth retrying, PermanentFailure for the rest.
// Mark an error yourself with Temporary or Permanent.
package batch

// Code is a task's result code in the response to S3 Batch Operations.
type Code string

// The result codes S3 Batch Operations accepts.
const (
	// Succeeded: the result string goes to the completion report.
	Succeeded Code = "Succeeded"
	// TemporaryFailure: S3 runs the task again before the job completes.
	TemporaryFailure Code = "TemporaryFailure"
	// PermanentFailure: the task failed; the result string says why.
	PermanentFailure Code = "PermanentFailure"
)

// MaxResultLength is the most characters (runes) of a result string the
// handler sends: S3 keeps 1,024 characters in the completion report. A longer
// string is cut after its 1,024th character, never inside one.
const MaxResultLength = 1024

// Task is one object of the job, as S3 Batch Operations sent it.
type Task struct {
	ID            string // taskId, echoed in the response
	JobID         string // the job's id
	InvocationID  string // the invocation's id
	SchemaVersion string // the invocation schema: "1.0" or "2.0"

	// Bucket is the bucket's name, also when the event has only an ARN.
	Bucket string
	// BucketARN is s3BucketArn as sent (schema 1.0); "" otherwise.
	BucketARN string
	// Key is the object key, URL-decoded as url.QueryUnescape does:
	// "my+photo%2B1.jpg" is "my photo+1.jpg".
	Key string
	// RawKey is s3Key as sent, still URL-encoded.
	RawKey string
	// VersionID is the object's version; "" when S3 sent null.
	VersionID string
}
