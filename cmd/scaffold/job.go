package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/project"
	"github.com/s3batchops/scaffold/schema"
)

const jobAbout = `Job prints the input of an S3 Batch Operations CreateJob request that runs
the function of the project in DIR (default: the current directory) over a
manifest, for:

  aws s3control create-job --cli-input-json file://job.json

The invocation schema comes from the project. Each --args value is checked
against the project's schema, as the function's args.Parse would check it,
and sent in the form args.Encode writes; S3's limits (10 arguments, names of
64 characters, values of 1,024) are enforced. A fresh ClientRequestToken
makes each printed job a new one.`

const jobExamples = `  scaffold job --function-arn arn:aws:lambda:us-east-1:111122223333:function:copier \
    --manifest s3://amzn-s3-demo-manifests/copy.csv --manifest-etag 60e460c9d1046e73f7dde5043ac3ae85 \
    --report s3://amzn-s3-demo-reports/copier --role-arn arn:aws:iam::111122223333:role/batch-copier \
    --account-id 111122223333 --args MyDestinationBucket=amzn-s3-demo-destination > job.json
  aws s3control create-job --cli-input-json file://job.json`

// keyValues is a repeatable KEY=VALUE flag.
type keyValues []string

func (kv *keyValues) String() string     { return strings.Join(*kv, " ") }
func (kv *keyValues) Set(v string) error { *kv = append(*kv, v); return nil }

var (
	lambdaARN = regexp.MustCompile(`^arn:(aws[a-z-]*):lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?$`)
	roleARN   = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$`)
	accountID = regexp.MustCompile(`^[0-9]{12}$`)
)

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
	fs.IntVar(&priority, "priority", 10, "the job's `priority`, 0 or more")
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
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"--function-arn", functionARN}, {"--manifest", manifest}, {"--manifest-etag", etag},
		{"--report", report}, {"--role-arn", role}, {"--account-id", account},
	} {
		if f.value == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return usagef("missing %s", strings.Join(missing, ", "))
	}
	m := lambdaARN.FindStringSubmatch(functionARN)
	switch {
	case m == nil:
		return usagef("--function-arn %q: want a Lambda function ARN, such as arn:aws:lambda:us-east-1:111122223333:function:copier", functionARN)
	case !roleARN.MatchString(role):
		return usagef("--role-arn %q: want an IAM role ARN, such as arn:aws:iam::111122223333:role/batch-copier", role)
	case !accountID.MatchString(account):
		return usagef("--account-id %q: want the 12 digits of an AWS account", account)
	case priority < 0:
		return usagef("--priority %d: want 0 or more", priority)
	case scope != "AllTasks" && scope != "FailedTasksOnly":
		return usagef("--report-scope %q: want AllTasks or FailedTasksOnly", scope)
	case len(token) > 64:
		return usagef("--client-request-token: at most 64 characters")
	}
	partition := m[1]
	manifestBucket, manifestKey, ok := splitS3URL(manifest)
	if !ok || manifestKey == "" {
		return usagef("--manifest %q: want s3://bucket/key", manifest)
	}
	reportBucket, reportPrefix, ok := splitS3URL(report)
	if !ok {
		return usagef("--report %q: want s3://bucket/prefix", report)
	}
	cfg, encoded, err := projectArguments(dir, userArgs)
	if err != nil {
		return err
	}
	if token == "" {
		b := make([]byte, 16)
		rand.Read(b)
		token = hex.EncodeToString(b)
	}
	lambda := object{{"FunctionArn", functionARN}, {"InvocationSchemaVersion", cfg.InvocationSchemaVersion}}
	if len(encoded) > 0 {
		lambda = append(lambda, member{"UserArguments", encoded})
	}
	input := object{
		{"AccountId", account},
		{"ConfirmationRequired", confirm},
		{"Operation", object{{"LambdaInvoke", lambda}}},
		{"Report", object{
			{"Bucket", fmt.Sprintf("arn:%s:s3:::%s", partition, reportBucket)},
			{"Format", "Report_CSV_20180820"},
			{"Enabled", true},
			{"Prefix", reportPrefix},
			{"ReportScope", scope},
		}},
		{"ClientRequestToken", token},
		{"Manifest", object{
			{"Spec", object{{"Format", "S3BatchOperations_CSV_20180820"}, {"Fields", []string{"Bucket", "Key"}}}},
			{"Location", object{{"ObjectArn", fmt.Sprintf("arn:%s:s3:::%s/%s", partition, manifestBucket, manifestKey)}, {"ETag", etag}}},
		}},
		{"Priority", priority},
		{"RoleArn", role},
		{"Description", "scaffold: " + cfg.Name},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(input); err != nil {
		return err
	}
	_, err = e.stdout.Write(buf.Bytes())
	return err
}

// splitS3URL splits s3://bucket/rest.
func splitS3URL(u string) (bucket, rest string, ok bool) {
	s, ok := strings.CutPrefix(u, "s3://")
	if !ok {
		return "", "", false
	}
	bucket, rest, _ = strings.Cut(s, "/")
	return bucket, rest, bucket != ""
}

// projectArguments reads the project in dir and checks the --args values
// against its schema; see jobArguments.
func projectArguments(dir string, pairs []string) (*project.Config, object, error) {
	cfg, err := project.ReadConfig(dir)
	if err != nil {
		return nil, nil, err
	}
	encoded, err := jobArguments(dir, cfg, pairs)
	return cfg, encoded, err
}

// jobArguments checks the --args values against the project's schema and
// returns them as the function's args.Encode would write them. Every
// problem is reported at once.
func jobArguments(dir string, cfg *project.Config, pairs []string) (object, error) {
	if len(pairs) > 0 && cfg.InvocationSchemaVersion == "1.0" {
		return nil, usagef("--args: the project uses invocation schema 1.0, whose events carry no UserArguments")
	}
	spec, _, err := cfg.LoadSchema(dir)
	if err != nil {
		return nil, err
	}
	given := map[string]string{}
	var probs []string
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		switch {
		case !ok:
			probs = append(probs, fmt.Sprintf("--args %q: want KEY=VALUE", kv))
			continue
		case utf8.RuneCountInString(v) > schema.MaxValueLength:
			probs = append(probs, fmt.Sprintf("--args %s: the value is %d characters long, more than S3's limit of %d", k, utf8.RuneCountInString(v), schema.MaxValueLength))
		}
		if _, dup := given[k]; dup {
			probs = append(probs, fmt.Sprintf("--args %s: given twice", k))
		}
		given[k] = v
	}
	var out object
	var names []string
	for _, a := range spec.Args {
		names = append(names, a.Name)
		v, ok := given[a.Name]
		if !ok {
			if a.Required {
				probs = append(probs, fmt.Sprintf("--args %s=...: argument %q is required", a.Name, a.Name))
			}
			continue
		}
		if msgs := a.Check(v); len(msgs) > 0 {
			probs = append(probs, fmt.Sprintf("--args %s=%s: argument %q: %s", a.Name, v, a.Name, strings.Join(msgs, "; ")))
			continue
		}
		out = append(out, member{a.Name, a.Encode(v)})
	}
	var unknown []string
	for k := range given {
		if !slices.Contains(names, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		known := "it takes none"
		if len(names) > 0 {
			known = "it takes " + quoteList(names)
		}
		probs = append(probs, fmt.Sprintf("--args %s: %q is not an argument of this function: %s", k, k, known))
	}
	if len(probs) > 0 {
		return nil, usagef("%s", strings.Join(probs, "\n"))
	}
	return out, nil
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
