// Package limitstest is the one table of the limits of S3 Batch Operations,
// S3 and Lambda that scaffold's tests pin, each written out as a number with
// where AWS documents it. Only tests import it. The numbers are never read
// from scaffold's own constants (schema.MaxArgs, s3rules.MaxKeyBytes,
// batch.MaxResultLength, …), so that a change to one of those is caught by a
// test rather than followed by it. Each limit is tested at the limit and one
// past it, in the schema checker (schema/s3limits_test.go), the runtime and
// so every generated project (templates/runtime/batch/handler_test.go, which
// a project cannot import this package from and so spells 1,024 out), and
// the local runner (localjob/bounds_test.go, localjob/localjob_test.go,
// golden/run_test.go).
package limitstest

// Limit is one documented limit.
type Limit struct {
	Name   string
	Value  int
	Unit   string
	Source string // where AWS documents it; seeds/ is /work/shared/seeds
}

const (
	// ResultString: the completion report keeps 1,024 characters of a
	// task's result string.
	ResultString = 1024
	// Arguments: CreateJob's LambdaInvoke UserArguments has 1 to 10 entries.
	Arguments = 10
	// ArgumentName: a UserArguments key is 1 to 64 characters.
	ArgumentName = 64
	// ArgumentValue: a UserArguments value is 0 to 1,024 characters.
	ArgumentValue = 1024
	// KeyBytes: an object key is at most 1,024 bytes of UTF-8.
	KeyBytes = 1024
	// PayloadBytes: a synchronous Lambda invocation's request is at most
	// 6 MB (6,291,456 bytes).
	PayloadBytes = 6 * 1024 * 1024
)

// Table is every limit with the document that sets it: where each number
// above comes from.
var Table = []Limit{
	{"result string", ResultString, "characters", "S3 User Guide, \"Invoke AWS Lambda function\": resultString is truncated to 1,024 characters in the report (seeds/002, s3batch.md \"Response\")"},
	{"UserArguments entries", Arguments, "entries", "S3 Control API LambdaInvokeOperation.UserArguments: map of 1-10 entries (s3batch.md \"CreateJob\")"},
	{"UserArguments key", ArgumentName, "characters", "S3 Control API NonEmptyMaxLength64String (s3batch.md \"CreateJob\")"},
	{"UserArguments value", ArgumentValue, "characters", "S3 Control API MaxLength1024String (s3batch.md \"CreateJob\")"},
	{"object key", KeyBytes, "bytes of UTF-8", "S3 User Guide, \"Naming Amazon S3 objects\"; the manifest's key field (seeds/000, s3batch.md \"Manifests\")"},
	{"Lambda request payload", PayloadBytes, "bytes", "Lambda quotas: invocation payload 6 MB synchronous (s3batch.md \"Response\", \"Directory buckets\")"},
}
