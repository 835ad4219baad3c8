package main

import (
	"errors"
	"strings"

	"github.com/s3batchops/scaffold/app"
)

const jobAbout = `Job prints the input of an S3 Batch Operations CreateJob request that runs
the function of the project in DIR (default: the current directory) over a
manifest, for:

  aws s3control create-job --cli-input-json file://job.json

The invocation schema comes from the project. Each --args value is checked
against the project's schema, as the function's args.Parse would check it,
and sent as given (90s stays 90s). A fresh ClientRequestToken makes
each printed job a new one.

Every value is checked as S3 and the S3 Control API check it: at most 10
arguments (MaxArgs), names of 1 to 64 characters (MaxNameLength), values of
at most 1,024 (MaxValueLength); --priority 0 to 2147483647 (MaxPriority);
--client-request-token 1 to 64 characters (MaxClientRequestToken);
--manifest-etag 1 to 1,024 characters (MaxETag); the manifest and report
buckets by S3's bucket-naming rules, general purpose buckets; the manifest
key 1 to 1,024 bytes of UTF-8 (MaxKeyBytes); the report prefix at most 512
characters (MaxReportPrefix); --description 1 to 256 characters
(MaxDescription); at most 50 --tag (MaxTags), keys of 1 to 128 characters
(MaxTagKeyLength), values of at most 256 (MaxTagValueLength), both of
letters, digits, spaces and _ . : / = + - @ only. No value may hold control
characters or invalid UTF-8. The manifest's ETag is sent
without the quotes S3 shows around it.`

const jobExamples = `  scaffold job \
    --function-arn arn:aws:lambda:us-east-1:111122223333:function:copier \
    --manifest s3://my-batch-manifests/copy.csv \
    --manifest-etag 60e460c9d1046e73f7dde5043ac3ae85 \
    --report s3://my-batch-reports/copier \
    --role-arn arn:aws:iam::111122223333:role/batch-copier \
    --account-id 111122223333 \
    --args MyDestinationBucket=my-copies > job.json
  aws s3control create-job --cli-input-json file://job.json`

// keyValues is a repeatable KEY=VALUE flag.
type keyValues []string

func (kv *keyValues) String() string     { return strings.Join(*kv, " ") }
func (kv *keyValues) Set(v string) error { *kv = append(*kv, v); return nil }

func runJob(e *env, args []string) error {
	var in app.JobInput
	var userArgs, tags keyValues
	fs := newFlagSet("job", "scaffold job [flags] [DIR]", jobAbout, jobExamples, e)
	fs.StringVar(&in.FunctionARN, "function-arn", "", "the function's `ARN` (a version or alias ARN pins the code for the whole job)")
	fs.StringVar(&in.Manifest, "manifest", "", "the manifest, `s3://bucket/key`")
	fs.StringVar(&in.ManifestETag, "manifest-etag", "", "the manifest object's `ETag`, with or without its quotes")
	fs.StringVar(&in.ManifestFormat, "manifest-format", "csv", "the manifest's `format`: csv (S3BatchOperations_CSV_20180820) or inventory (an S3 Inventory report's manifest.json, S3InventoryReport_CSV_20161130)")
	fs.StringVar(&in.ManifestFields, "manifest-fields", "", "a CSV manifest's `columns`: Bucket,Key or Bucket,Key,VersionId (default: those of --manifest-file, or Bucket,Key)")
	fs.StringVar(&in.ManifestFile, "manifest-file", "", "a local copy of the CSV manifest, whose `file` columns give --manifest-fields")
	fs.StringVar(&in.Description, "description", "", "the job's `description`, 1 to 256 characters (default: scaffold: NAME)")
	fs.Var(&tags, "tag", "a tag of the job, `KEY=VALUE` (repeat for each, at most 50)")
	fs.StringVar(&in.Report, "report", "", "where S3 writes the completion report, `s3://bucket/prefix`")
	fs.StringVar(&in.RoleARN, "role-arn", "", "the `ARN` of the role S3 Batch Operations assumes")
	fs.StringVar(&in.AccountID, "account-id", "", "the AWS `account` that owns the job")
	fs.Var(&userArgs, "args", "a UserArgument, `KEY=VALUE` (repeat for each)")
	fs.intVar(&in.Priority, "priority", 10, "the job's `priority`, 0 to 2147483647 (higher runs first)")
	fs.StringVar(&in.ReportScope, "report-scope", "AllTasks", "which tasks the report lists, a `scope`: AllTasks or FailedTasksOnly")
	fs.BoolVar(&in.ConfirmationRequired, "confirmation-required", false, "create the job suspended until you confirm it")
	fs.StringVar(&in.ClientRequestToken, "client-request-token", "", "the idempotency `token` (default: a fresh random one)")
	if err := fs.parse(args); err != nil {
		return err
	}
	dir, err := fs.projectDir()
	if err != nil {
		return err
	}
	in.Dir, in.Args, in.Tags = dir, userArgs, tags
	out, err := app.Job(in)
	if err != nil {
		return inputError(err)
	}
	_, err = e.stdout.Write(out)
	return err
}

// inputError returns an *app.InputError as a usage error.
func inputError(err error) error {
	var ie *app.InputError
	if errors.As(err, &ie) {
		return &usageError{ie.Error()}
	}
	return err
}
