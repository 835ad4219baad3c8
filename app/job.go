package app

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/createjob"
	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/s3rules"
)

// JobInput is what scaffold job builds a CreateJob input from; the fields
// are its flags.
type JobInput struct {
	Dir                  string // the project
	FunctionARN          string
	Manifest             string // s3://bucket/key
	ManifestETag         string
	Report               string // s3://bucket[/prefix]
	RoleARN              string
	AccountID            string
	Args                 []string // KEY=VALUE
	Priority             int
	ReportScope          string // AllTasks or FailedTasksOnly
	ConfirmationRequired bool
	ClientRequestToken   string // "" for a fresh random one
	// ManifestFormat is csv (S3BatchOperations_CSV_20180820) or inventory
	// (S3InventoryReport_CSV_20161130).
	ManifestFormat string
	// ManifestFields are a CSV manifest's columns, such as
	// Bucket,Key,VersionId; "" is those of ManifestFile, or Bucket,Key.
	ManifestFields string
	ManifestFile   string   // a local copy of the CSV manifest; "" for none
	Description    string   // "" is "scaffold: NAME"
	Tags           []string // KEY=VALUE
}

// The job's ARNs and account, compiled on first use: only scaffold job needs
// them, and their counted repetitions take a tenth of a millisecond each.
var (
	lambdaARN = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^arn:(aws[a-z-]*):lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$`)
	})
	// roleARN is an IAM role's ARN: an optional path and a name, of the
	// characters IAM allows in them.
	roleARN = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^arn:aws[a-z-]*:iam::[0-9]{12}:role/(?:[A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}$`)
	})
	accountID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{12}$`) })
)

// Job returns the CreateJob input, indented JSON, that runs the function
// of the project in in.Dir over a manifest. Every value is checked as S3
// and the S3 Control API check it; every bad one is reported at once, in
// an *InputError.
func Job(in JobInput) ([]byte, error) {
	var probs inputErrors
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"--function-arn", in.FunctionARN}, {"--manifest", in.Manifest}, {"--manifest-etag", in.ManifestETag},
		{"--report", in.Report}, {"--role-arn", in.RoleARN}, {"--account-id", in.AccountID},
	} {
		if f.value == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		probs.add("missing " + strings.Join(missing, ", "))
	}
	partition := checkJobFlags(in, &probs)
	manifestBucket, manifestKey := manifestLocation(in.Manifest, &probs)
	reportBucket, reportPrefix := reportLocation(in.Report, &probs)
	objectARN := fmt.Sprintf("arn:%s:s3:::%s/%s", partition, manifestBucket, manifestKey)
	if n := utf8.RuneCountInString(objectARN); manifestKey != "" && n > s3rules.MaxObjectARN {
		probs.add(fmt.Sprintf("--manifest: its ARN is %d characters, more than CreateJob's limit of %d (MaxObjectARN): shorten the key", n, s3rules.MaxObjectARN))
	}
	spec := jobManifestSpec(in, &probs)
	tags := jobTags(in.Tags, &probs)
	if in.Description != "" {
		if err := s3rules.CheckText(in.Description, 1, s3rules.MaxDescription, "MaxDescription"); err != nil {
			probs.add(fmt.Sprintf("--description %s: %v", quote.Value(in.Description), err))
		}
	}
	cfg, encoded, err := ProjectArguments(in.Dir, in.Args)
	var ie *InputError
	if errors.As(err, &ie) {
		probs = append(probs, ie.Problems...)
	} else if err != nil {
		return nil, err
	}
	if err := probs.err(); err != nil {
		return nil, err
	}
	token := in.ClientRequestToken
	if token == "" {
		b := make([]byte, 16)
		rand.Read(b)
		token = hex.EncodeToString(b)
	}
	description := in.Description
	if description == "" {
		description = createjob.Truncate("scaffold: "+cfg.Name, s3rules.MaxDescription)
	}
	input := createjob.Input{
		AccountID:            in.AccountID,
		ConfirmationRequired: in.ConfirmationRequired,
		Operation: createjob.Operation{LambdaInvoke: createjob.LambdaInvoke{
			FunctionARN: in.FunctionARN, InvocationSchemaVersion: cfg.InvocationSchemaVersion,
		}},
		Report: createjob.Report{
			BucketARN: fmt.Sprintf("arn:%s:s3:::%s", partition, reportBucket), Format: "Report_CSV_20180820",
			Enabled: true, Prefix: reportPrefix, Scope: in.ReportScope,
		},
		ClientRequestToken: token,
		Manifest: createjob.Manifest{Spec: spec, Location: createjob.ManifestLocation{
			ObjectARN: objectARN, ETag: createjob.NormalizeETag(in.ManifestETag),
		}},
		Description: description,
		Priority:    in.Priority,
		RoleARN:     in.RoleARN,
		Tags:        tags,
	}
	for _, m := range encoded {
		input.Operation.LambdaInvoke.UserArguments = append(input.Operation.LambdaInvoke.UserArguments,
			createjob.Argument{Name: m.Key, Value: m.Value.(string)})
	}
	out, err := input.Encode()
	if err != nil {
		return nil, &InputError{[]string{err.Error()}}
	}
	return out, nil
}

// jobManifestSpec reads the manifest's format and columns: ManifestFormat,
// ManifestFields and ManifestFile.
func jobManifestSpec(in JobInput, probs *inputErrors) createjob.ManifestSpec {
	switch in.ManifestFormat {
	case "inventory":
		if in.ManifestFields != "" || in.ManifestFile != "" {
			probs.add("--manifest-format inventory: an inventory report declares its columns: leave out --manifest-fields and --manifest-file")
		}
		return createjob.ManifestSpec{Format: createjob.FormatInventory}
	case "csv", "":
	default:
		probs.add(fmt.Sprintf("--manifest-format %s: want csv or inventory", quote.Value(in.ManifestFormat)))
		return createjob.ManifestSpec{}
	}
	spec := createjob.ManifestSpec{Format: createjob.FormatCSV, Fields: []string{"Bucket", "Key"}}
	if in.ManifestFields != "" {
		f, err := createjob.ParseFields(in.ManifestFields)
		if err != nil {
			probs.add(fmt.Sprintf("--manifest-fields: %v", err))
			return spec
		}
		spec.Fields = f
	}
	if in.ManifestFile != "" {
		r, err := os.Open(in.ManifestFile)
		if err != nil {
			probs.add(fmt.Sprintf("--manifest-file: %v", err))
			return spec
		}
		defer r.Close()
		f, err := createjob.FieldsOf(r, in.ManifestFile)
		if err != nil {
			probs.add(fmt.Sprintf("--manifest-file: %v", err))
			return spec
		}
		// The file is read as scaffold run reads a manifest, bucket,key
		// and maybe versionId: other columns could not be told apart.
		if in.ManifestFields != "" && !slices.Equal(f, spec.Fields) {
			probs.add(fmt.Sprintf("--manifest-fields %s, but %s, read as scaffold run reads a manifest, has the columns %s: leave out --manifest-fields, or --manifest-file for a file of other columns", quote.Value(in.ManifestFields), quote.Name(in.ManifestFile), strings.Join(f, ",")))
		}
		spec.Fields = f
	}
	return spec
}

// jobTags reads the --tag flags, KEY=VALUE.
func jobTags(kvs []string, probs *inputErrors) []createjob.Tag {
	var tags []createjob.Tag
	for _, kv := range kvs {
		t, err := createjob.ParseTag(kv)
		if err != nil {
			probs.add(fmt.Sprintf("--tag %v", err))
			continue
		}
		tags = append(tags, t)
	}
	if err := createjob.CheckTags(tags); err != nil {
		probs.add(fmt.Sprintf("--tag: %v", err))
	}
	return tags
}

// checkJobFlags checks the job's flags that stand alone, adding a problem
// for each bad one, and returns the function ARN's partition.
func checkJobFlags(in JobInput, probs *inputErrors) (partition string) {
	m := lambdaARN().FindStringSubmatch(in.FunctionARN)
	if in.FunctionARN != "" && (len(in.FunctionARN) > s3rules.MaxFunctionARN || m == nil) {
		probs.add(fmt.Sprintf("--function-arn %s: want a Lambda function ARN of at most %d characters (MaxFunctionARN), such as arn:aws:lambda:us-east-1:111122223333:function:copier", quote.Value(in.FunctionARN), s3rules.MaxFunctionARN))
	}
	if in.RoleARN != "" && (len(in.RoleARN) > s3rules.MaxRoleARN || !roleARN().MatchString(in.RoleARN)) {
		probs.add(fmt.Sprintf("--role-arn %s: want an IAM role ARN of at most %d characters (MaxRoleARN), such as arn:aws:iam::111122223333:role/batch-copier", quote.Value(in.RoleARN), s3rules.MaxRoleARN))
	}
	if in.AccountID != "" && !accountID().MatchString(in.AccountID) {
		probs.add(fmt.Sprintf("--account-id %s: want the 12 digits of an AWS account", quote.Value(in.AccountID)))
	}
	if err := createjob.CheckPriority(in.Priority); err != nil {
		probs.add(fmt.Sprintf("--priority %d: %v", in.Priority, err))
	}
	if err := createjob.CheckReportScope(in.ReportScope); err != nil {
		probs.add(fmt.Sprintf("--report-scope %s: %v", quote.Value(in.ReportScope), err))
	}
	if in.ClientRequestToken != "" {
		if err := s3rules.CheckText(in.ClientRequestToken, 1, s3rules.MaxClientRequestToken, "MaxClientRequestToken"); err != nil {
			probs.add(fmt.Sprintf("--client-request-token %s: %v", quote.Value(in.ClientRequestToken), err))
		}
	}
	if etag := createjob.NormalizeETag(in.ManifestETag); in.ManifestETag != "" {
		if err := s3rules.CheckText(etag, 1, s3rules.MaxETag, "MaxETag"); err != nil {
			probs.add(fmt.Sprintf("--manifest-etag %s: %v", quote.Value(in.ManifestETag), err))
		}
	}
	if m == nil {
		return "aws"
	}
	return m[1]
}

// manifestLocation reads --manifest, s3://bucket/key: a general purpose
// bucket (S3 Batch Operations reads manifests from those only) and a key
// S3 could store, without control characters. "" when missing or bad.
func manifestLocation(u string, probs *inputErrors) (bucket, key string) {
	if u == "" {
		return "", ""
	}
	bucket, key, ok := s3rules.SplitURL(u)
	if !ok || key == "" {
		probs.add(fmt.Sprintf("--manifest %s: want s3://bucket/key", quote.Value(u)))
		return "", ""
	}
	if err := s3rules.CheckGeneralPurposeBucket(bucket); err != nil {
		probs.add(fmt.Sprintf("--manifest %s: bucket %s: %v", quote.Value(u), quote.Value(bucket), err))
		return "", ""
	}
	if err := s3rules.CheckKey(key, true); err != nil {
		probs.add(fmt.Sprintf("--manifest %s: %v", quote.Value(u), err))
		return "", ""
	}
	return bucket, key
}

// reportLocation reads --report, s3://bucket[/prefix]: a general purpose
// bucket and a prefix of at most MaxReportPrefix characters.
func reportLocation(u string, probs *inputErrors) (bucket, prefix string) {
	if u == "" {
		return "", ""
	}
	bucket, prefix, ok := s3rules.SplitURL(u)
	if !ok {
		probs.add(fmt.Sprintf("--report %s: want s3://bucket/prefix", quote.Value(u)))
		return "", ""
	}
	if err := s3rules.CheckGeneralPurposeBucket(bucket); err != nil {
		probs.add(fmt.Sprintf("--report %s: bucket %s: %v", quote.Value(u), quote.Value(bucket), err))
		return "", ""
	}
	if prefix != "" {
		if err := s3rules.CheckText(prefix, 1, s3rules.MaxReportPrefix, "MaxReportPrefix"); err != nil {
			probs.add(fmt.Sprintf("--report %s: the prefix: %v", quote.Value(u), err))
			return "", ""
		}
	}
	return bucket, prefix
}
