package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/createjob"
	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/s3rules"
	"github.com/s3batchops/scaffold/project"
	"github.com/s3batchops/scaffold/schema"
)

const jobAbout = `Job prints the input of an S3 Batch Operations CreateJob request that runs
the function of the project in DIR (default: the current directory) over a
manifest, for:

  aws s3control create-job --cli-input-json file://job.json

The invocation schema comes from the project. Each --args value is checked
against the project's schema, as the function's args.Parse would check it,
and sent in the form args.Encode writes. A fresh ClientRequestToken makes
each printed job a new one.

Every value is checked as S3 and the S3 Control API check it: at most 10
arguments (MaxArgs), names of 1 to 64 characters (MaxNameLength), values of
at most 1,024 (MaxValueLength); --priority 0 to 2147483647 (MaxPriority);
--client-request-token 1 to 64 characters (MaxClientRequestToken);
--manifest-etag 1 to 1,024 characters (MaxETag); the manifest and report
buckets by S3's bucket-naming rules, general purpose buckets; the manifest
key 1 to 1,024 bytes of UTF-8 (MaxKeyBytes); the report prefix at most 512
characters (MaxReportPrefix). No value may hold control characters.`

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
	lambdaARN = regexp.MustCompile(`^arn:(aws[a-z-]*):lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$`)
	// roleARN is an IAM role's ARN: an optional path and a name, of the
	// characters IAM allows in them.
	roleARN   = regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:role/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}$`)
	accountID = regexp.MustCompile(`^[0-9]{12}$`)
)

func runJob(e *env, args []string) error {
	var (
		functionARN, manifest, etag, report, role, account, scope, token string
		manifestFormat, manifestFields, manifestFile, description        string
		priority                                                         int
		confirm                                                          bool
		userArgs, tags                                                   keyValues
	)
	fs := newFlagSet("job", "scaffold job [flags] [DIR]", jobAbout, jobExamples, e)
	fs.StringVar(&functionARN, "function-arn", "", "the function's `ARN` (a version or alias ARN pins the code for the whole job)")
	fs.StringVar(&manifest, "manifest", "", "the manifest, `s3://bucket/key`")
	fs.StringVar(&etag, "manifest-etag", "", "the manifest object's `ETag`, with or without its quotes")
	fs.StringVar(&manifestFormat, "manifest-format", "csv", "`csv` (S3BatchOperations_CSV_20180820) or inventory (an S3 Inventory report's manifest.json, S3InventoryReport_CSV_20161130)")
	fs.StringVar(&manifestFields, "manifest-fields", "", "a CSV manifest's `columns`: Bucket,Key or Bucket,Key,VersionId (default: those of --manifest-file, or Bucket,Key)")
	fs.StringVar(&manifestFile, "manifest-file", "", "a local copy of the CSV manifest, whose `file` columns give --manifest-fields")
	fs.StringVar(&description, "description", "", "the job's `description`, 1 to 256 characters (default: scaffold: NAME)")
	fs.Var(&tags, "tag", "a tag of the job, `KEY=VALUE` (repeat for each, at most 50)")
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
	case len(functionARN) > s3rules.MaxFunctionARN || m == nil:
		return usagef("--function-arn %s: want a Lambda function ARN of at most %d characters (MaxFunctionARN), such as arn:aws:lambda:us-east-1:111122223333:function:copier", quote.Value(functionARN), s3rules.MaxFunctionARN)
	case len(role) > s3rules.MaxRoleARN || !roleARN.MatchString(role):
		return usagef("--role-arn %s: want an IAM role ARN of at most %d characters (MaxRoleARN), such as arn:aws:iam::111122223333:role/batch-copier", quote.Value(role), s3rules.MaxRoleARN)
	case !accountID.MatchString(account):
		return usagef("--account-id %s: want the 12 digits of an AWS account", quote.Value(account))
	case priority < s3rules.MinPriority || priority > s3rules.MaxPriority:
		return usagef("--priority %d: want %d to %d (MinPriority, MaxPriority: CreateJob's range)", priority, s3rules.MinPriority, s3rules.MaxPriority)
	case scope != "AllTasks" && scope != "FailedTasksOnly":
		return usagef("--report-scope %s: want AllTasks or FailedTasksOnly", quote.Value(scope))
	}
	if token != "" {
		if err := s3rules.CheckText(token, 1, s3rules.MaxClientRequestToken, "MaxClientRequestToken"); err != nil {
			return usagef("--client-request-token %s: %v", quote.Value(token), err)
		}
	}
	etag = createjob.NormalizeETag(etag)
	if err := s3rules.CheckText(etag, 1, s3rules.MaxETag, "MaxETag"); err != nil {
		return usagef("--manifest-etag %s: %v", quote.Value(etag), err)
	}
	spec, err := jobManifestSpec(manifestFormat, manifestFields, manifestFile)
	if err != nil {
		return err
	}
	var jobTags []createjob.Tag
	for _, kv := range tags {
		t, err := createjob.ParseTag(kv)
		if err != nil {
			return usagef("--tag %v", err)
		}
		jobTags = append(jobTags, t)
	}
	if err := createjob.CheckTags(jobTags); err != nil {
		return usagef("--tag: %v", err)
	}
	partition := m[1]
	manifestBucket, manifestKey, err := manifestLocation(manifest)
	if err != nil {
		return err
	}
	reportBucket, reportPrefix, err := reportLocation(report)
	if err != nil {
		return err
	}
	objectARN := fmt.Sprintf("arn:%s:s3:::%s/%s", partition, manifestBucket, manifestKey)
	if n := utf8.RuneCountInString(objectARN); n > s3rules.MaxObjectARN {
		return usagef("--manifest: its ARN is %d characters, more than CreateJob's limit of %d (MaxObjectARN): shorten the key", n, s3rules.MaxObjectARN)
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
	if description == "" {
		description = createjob.Truncate("scaffold: "+cfg.Name, s3rules.MaxDescription)
	}
	input := createjob.Input{
		AccountID:            account,
		ConfirmationRequired: confirm,
		Operation: createjob.Operation{LambdaInvoke: createjob.LambdaInvoke{
			FunctionARN: functionARN, InvocationSchemaVersion: cfg.InvocationSchemaVersion,
		}},
		Report: createjob.Report{
			BucketARN: fmt.Sprintf("arn:%s:s3:::%s", partition, reportBucket), Format: "Report_CSV_20180820",
			Enabled: true, Prefix: reportPrefix, Scope: scope,
		},
		ClientRequestToken: token,
		Manifest:           createjob.Manifest{Spec: spec, Location: createjob.ManifestLocation{ObjectARN: objectARN, ETag: etag}},
		Description:        description,
		Priority:           priority,
		RoleARN:            role,
		Tags:               jobTags,
	}
	for _, m := range encoded {
		input.Operation.LambdaInvoke.UserArguments = append(input.Operation.LambdaInvoke.UserArguments, createjob.Argument{Name: m.key, Value: m.value.(string)})
	}
	out, err := input.Encode()
	if err != nil {
		return usagef("%v", err)
	}
	_, err = e.stdout.Write(out)
	return err
}

// jobManifestSpec reads --manifest-format, --manifest-fields and
// --manifest-file.
func jobManifestSpec(format, fields, file string) (createjob.ManifestSpec, error) {
	switch format {
	case "inventory":
		if fields != "" || file != "" {
			return createjob.ManifestSpec{}, usagef("--manifest-format inventory: an inventory report declares its columns: leave out --manifest-fields and --manifest-file")
		}
		return createjob.ManifestSpec{Format: createjob.FormatInventory}, nil
	case "csv":
	default:
		return createjob.ManifestSpec{}, usagef("--manifest-format %s: want csv or inventory", quote.Value(format))
	}
	spec := createjob.ManifestSpec{Format: createjob.FormatCSV, Fields: []string{"Bucket", "Key"}}
	if fields != "" {
		f, err := createjob.ParseFields(fields)
		if err != nil {
			return spec, usagef("--manifest-fields: %v", err)
		}
		spec.Fields = f
	}
	if file != "" {
		r, err := os.Open(file)
		if err != nil {
			return spec, err
		}
		defer r.Close()
		f, err := createjob.FieldsOf(r, file)
		if err != nil {
			return spec, err
		}
		if fields != "" && !slices.Equal(f, spec.Fields) {
			return spec, usagef("--manifest-fields %s, but %s has the columns %s", fields, file, strings.Join(f, ","))
		}
		spec.Fields = f
	}
	return spec, nil
}

// manifestLocation reads --manifest, s3://bucket/key: a general purpose
// bucket (S3 Batch Operations reads manifests from those only) and a key
// S3 could store, without control characters.
func manifestLocation(u string) (bucket, key string, err error) {
	bucket, key, ok := splitS3URL(u)
	if !ok || key == "" {
		return "", "", usagef("--manifest %s: want s3://bucket/key", quote.Value(u))
	}
	if err := s3rules.CheckGeneralPurposeBucket(bucket); err != nil {
		return "", "", usagef("--manifest %s: bucket %s: %v", quote.Value(u), quote.Value(bucket), err)
	}
	if err := s3rules.CheckKey(key, true); err != nil {
		return "", "", usagef("--manifest %s: %v", quote.Value(u), err)
	}
	return bucket, key, nil
}

// reportLocation reads --report, s3://bucket[/prefix]: a general purpose
// bucket and a prefix of at most MaxReportPrefix characters.
func reportLocation(u string) (bucket, prefix string, err error) {
	bucket, prefix, ok := splitS3URL(u)
	if !ok {
		return "", "", usagef("--report %s: want s3://bucket/prefix", quote.Value(u))
	}
	if err := s3rules.CheckGeneralPurposeBucket(bucket); err != nil {
		return "", "", usagef("--report %s: bucket %s: %v", quote.Value(u), quote.Value(bucket), err)
	}
	if prefix != "" {
		if err := s3rules.CheckText(prefix, 1, s3rules.MaxReportPrefix, "MaxReportPrefix"); err != nil {
			return "", "", usagef("--report %s: the prefix: %v", quote.Value(u), err)
		}
	}
	return bucket, prefix, nil
}

// cutRunes cuts s to at most n characters.
func cutRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
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
	spec, _, err := project.LoadSchema(dir, cfg)
	if err != nil {
		return nil, err
	}
	if len(pairs) > schema.MaxArgs {
		return nil, usagef("--args: %d given, more than S3's limit of %d arguments (MaxArgs)", len(pairs), schema.MaxArgs)
	}
	given := map[string]string{}
	reported := map[string]bool{} // names whose values were already found wrong
	var probs []string
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		switch {
		case !ok:
			probs = append(probs, fmt.Sprintf("--args %s: want KEY=VALUE", quote.Value(kv)))
			continue
		case k == "" || utf8.RuneCountInString(k) > schema.MaxNameLength:
			probs = append(probs, fmt.Sprintf("--args %s: a name is 1 to %d characters (MaxNameLength)", quote.Value(k), schema.MaxNameLength))
			continue
		case utf8.RuneCountInString(v) > schema.MaxValueLength:
			probs = append(probs, fmt.Sprintf("--args %s: the value is %d characters long, more than S3's limit of %d (MaxValueLength)", quote.Bare(k), utf8.RuneCountInString(v), schema.MaxValueLength))
			reported[k] = true
		}
		if _, dup := given[k]; dup {
			probs = append(probs, fmt.Sprintf("--args %s: given twice", quote.Bare(k)))
		}
		given[k] = v
	}
	var out object
	var names []string
	for _, a := range spec.Args {
		names = append(names, a.Name)
		v, ok := given[a.Name]
		if reported[a.Name] {
			continue
		}
		if !ok {
			if a.Required {
				probs = append(probs, fmt.Sprintf("--args %s=...: argument %q is required", a.Name, a.Name))
			}
			continue
		}
		if msgs := a.Check(v); len(msgs) > 0 {
			probs = append(probs, fmt.Sprintf("--args %s=%s: argument %q: %s", a.Name, quote.Bare(v), a.Name, strings.Join(msgs, "; ")))
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
		if reported[k] {
			continue
		}
		known := "it takes none"
		if len(names) > 0 {
			known = "it takes " + quoteList(names)
		}
		probs = append(probs, fmt.Sprintf("--args %s: %s is not an argument of this function: %s", quote.Bare(k), quote.Value(k), known))
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
