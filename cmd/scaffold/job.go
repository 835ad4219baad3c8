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
characters (MaxReportPrefix). No value may hold control characters.`

const jobExamples = `  scaffold job \
    --function-arn arn:aws:lambda:us-east-1:111122223333:function:copier \
    --manifest s3://amzn-s3-demo-manifests/copy.csv \
    --manifest-etag 60e460c9d1046e73f7dde5043ac3ae85 \
    --report s3://amzn-s3-demo-reports/copier \
    --role-arn arn:aws:iam::111122223333:role/batch-copier \
    --account-id 111122223333 \
    --args MyDestinationBucket=amzn-s3-demo-destination > job.json
  aws s3control create-job --cli-input-json file://job.json`

// keyValues is a repeatable KEY=VALUE flag.
type keyValues []string

func (kv *keyValues) String() string     { return strings.Join(*kv, " ") }
func (kv *keyValues) Set(v string) error { *kv = append(*kv, v); return nil }

func runJob(e *env, args []string) error {
	var (
		functionARN, manifest, etag, report, role, account, scope, token string
		priority                                                         int
		confirm                                                          bool
		userArgs                                                         keyValues
	)
	fs := newFlagSet("job", "scaffold job [flags] [DIR]", jobAbout, jobExamples, e)
	fs.StringVar(&functionARN, "function-arn", "", "the function's `ARN` (a version or alias ARN pins the code for the whole job)")
	fs.StringVar(&manifest, "manifest", "", "the CSV manifest, `s3://bucket/key` (columns Bucket, Key)")
	fs.StringVar(&etag, "manifest-etag", "", "the manifest object's `ETag`")
	fs.StringVar(&report, "report", "", "where S3 writes the completion report, `s3://bucket/prefix`")
	fs.StringVar(&role, "role-arn", "", "the `ARN` of the role S3 Batch Operations assumes")
	fs.StringVar(&account, "account-id", "", "the AWS `account` that owns the job")
	fs.Var(&userArgs, "args", "a UserArgument, `KEY=VALUE` (repeat for each)")
	fs.IntVar(&priority, "priority", 10, "the job's `priority`, 0 to 2147483647 (higher runs first)")
	fs.StringVar(&scope, "report-scope", "AllTasks", "`AllTasks` or FailedTasksOnly")
	fs.BoolVar(&confirm, "confirmation-required", false, "create the job suspended until you confirm it")
	fs.StringVar(&token, "client-request-token", "", "the idempotency `token` (default: a fresh random one)")
	if err := fs.parse(args); err != nil {
		return err
	}
	dir, err := fs.projectDir()
	if err != nil {
		return err
	}
	out, err := app.Job(app.JobInput{
		Dir: dir, FunctionARN: functionARN, Manifest: manifest, ManifestETag: etag, Report: report,
		RoleARN: role, AccountID: account, Args: userArgs, Priority: priority, ReportScope: scope,
		ConfirmationRequired: confirm, ClientRequestToken: token,
	})
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
