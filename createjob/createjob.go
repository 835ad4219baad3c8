// Package createjob builds the input of the S3 Control API's CreateJob for
// a job that runs a project's function (LambdaInvoke), as
// `aws s3control create-job --cli-input-json` reads it: the members in the
// API's names, optional ones left out when empty (CreateJob refuses an empty
// Report.Prefix or Description), and every value checked against the API
// model's length and enum constraints before anything is printed.
package createjob

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/internal/jsonorder"
	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/s3rules"
	"github.com/s3batchops/scaffold/localjob"
)

// The manifest formats CreateJob reads.
const (
	// FormatCSV is a CSV manifest: bucket,key[,versionId] per line, the
	// columns named by Fields.
	FormatCSV = "S3BatchOperations_CSV_20180820"
	// FormatInventory is an S3 Inventory report's manifest.json, whose
	// columns the report itself declares: Fields must be left out.
	FormatInventory = "S3InventoryReport_CSV_20161130"
)

// FieldNames are the column names of a CSV manifest (JobManifestFieldName).
var FieldNames = []string{"Ignore", "Bucket", "Key", "VersionId"}

// Limits on job tags (S3 Batch Operations: up to 50 tags a job; AWS tag
// keys of 1 to 128 characters, values of at most 256).
const (
	MaxTags           = 50
	MaxTagKeyLength   = 128
	MaxTagValueLength = 256
)

// Input is CreateJob's input. Its JSON is what the AWS CLI's
// --cli-input-json takes.
type Input struct {
	AccountID            string    `json:"AccountId"`
	ConfirmationRequired bool      `json:"ConfirmationRequired"`
	Operation            Operation `json:"Operation"`
	Report               Report    `json:"Report"`
	ClientRequestToken   string    `json:"ClientRequestToken"`
	Manifest             Manifest  `json:"Manifest"`
	Priority             int       `json:"Priority"`
	RoleARN              string    `json:"RoleArn"`
	Description          string    `json:"Description,omitempty"`
	Tags                 []Tag     `json:"Tags,omitempty"`
}

// Operation is the job's operation: invoke the function.
type Operation struct {
	LambdaInvoke LambdaInvoke `json:"LambdaInvoke"`
}

// LambdaInvoke is the function, the invocation schema, and the
// UserArguments (schema 2.0 only), in the order given.
type LambdaInvoke struct {
	FunctionARN             string    `json:"FunctionArn"`
	InvocationSchemaVersion string    `json:"InvocationSchemaVersion"`
	UserArguments           Arguments `json:"UserArguments,omitempty"`
}

// Arguments are UserArguments, written as a JSON object in their order.
type Arguments []Argument

// Argument is one UserArgument.
type Argument struct{ Name, Value string }

// MarshalJSON writes the arguments as an object, in order.
func (a Arguments) MarshalJSON() ([]byte, error) {
	o := make(jsonorder.Object, len(a))
	for i, arg := range a {
		o[i] = jsonorder.Member{Key: arg.Name, Value: arg.Value}
	}
	return o.MarshalJSON()
}

// Report is where the completion report goes.
type Report struct {
	BucketARN string `json:"Bucket"`
	Format    string `json:"Format"`
	Enabled   bool   `json:"Enabled"`
	Prefix    string `json:"Prefix,omitempty"`
	Scope     string `json:"ReportScope"`
}

// Manifest is the manifest's format, columns and object.
type Manifest struct {
	Spec     ManifestSpec     `json:"Spec"`
	Location ManifestLocation `json:"Location"`
}

// ManifestSpec is the manifest's format and, for a CSV manifest, columns.
type ManifestSpec struct {
	Format string   `json:"Format"`
	Fields []string `json:"Fields,omitempty"`
}

// ManifestLocation is the manifest object.
type ManifestLocation struct {
	ObjectARN string `json:"ObjectArn"`
	ETag      string `json:"ETag"`
}

// Tag is one of the job's tags.
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// Encode checks in and returns its JSON, indented, with a final newline.
func (in *Input) Encode() ([]byte, error) {
	if err := in.Check(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(in); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// CheckPriority reports a priority outside CreateJob's range.
func CheckPriority(p int) error {
	if p < s3rules.MinPriority || p > s3rules.MaxPriority {
		return fmt.Errorf("want %d to %d (MinPriority, MaxPriority: CreateJob's range)", s3rules.MinPriority, s3rules.MaxPriority)
	}
	return nil
}

// CheckReportScope reports a report scope CreateJob does not know.
func CheckReportScope(s string) error {
	if s != "AllTasks" && s != "FailedTasksOnly" {
		return errors.New("want AllTasks or FailedTasksOnly")
	}
	return nil
}

// Check reports every value CreateJob would refuse, each naming the
// member and the limit.
func (in *Input) Check() error {
	var probs []string
	text := func(member, v string, lo, hi int, limit string) {
		if err := s3rules.CheckText(v, lo, hi, limit); err != nil {
			probs = append(probs, fmt.Sprintf("%s %s: %v", member, quote.Value(v), err))
		}
	}
	text("ClientRequestToken", in.ClientRequestToken, 1, s3rules.MaxClientRequestToken, "MaxClientRequestToken")
	text("Manifest.Location.ETag", in.Manifest.Location.ETag, 1, s3rules.MaxETag, "MaxETag")
	text("Manifest.Location.ObjectArn", in.Manifest.Location.ObjectARN, 1, s3rules.MaxObjectARN, "MaxObjectARN")
	if in.Description != "" {
		text("Description", in.Description, 1, s3rules.MaxDescription, "MaxDescription")
	}
	if in.Report.Prefix != "" {
		text("Report.Prefix", in.Report.Prefix, 1, s3rules.MaxReportPrefix, "MaxReportPrefix")
	}
	if err := CheckPriority(in.Priority); err != nil {
		probs = append(probs, fmt.Sprintf("Priority %d: %v", in.Priority, err))
	}
	if err := CheckReportScope(in.Report.Scope); err != nil {
		probs = append(probs, fmt.Sprintf("Report.ReportScope %s: %v", quote.Value(in.Report.Scope), err))
	}
	switch spec := in.Manifest.Spec; spec.Format {
	case FormatCSV:
		if err := CheckFields(spec.Fields); err != nil {
			probs = append(probs, fmt.Sprintf("Manifest.Spec.Fields: %v", err))
		}
	case FormatInventory:
		if len(spec.Fields) > 0 {
			probs = append(probs, "Manifest.Spec.Fields: an inventory report's manifest declares its own columns: give none")
		}
	default:
		probs = append(probs, fmt.Sprintf("Manifest.Spec.Format %s: want %s or %s", quote.Value(spec.Format), FormatCSV, FormatInventory))
	}
	if err := CheckTags(in.Tags); err != nil {
		probs = append(probs, err.Error())
	}
	if len(probs) > 0 {
		return fmt.Errorf("%s", strings.Join(probs, "\n"))
	}
	return nil
}

// ParseFields reads a comma-separated list of a CSV manifest's columns,
// such as "Bucket,Key,VersionId", and checks it (CheckFields).
func ParseFields(s string) ([]string, error) {
	fields := strings.Split(s, ",")
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return fields, CheckFields(fields)
}

// CheckFields checks a CSV manifest's columns: names from FieldNames,
// Bucket and Key once each, VersionId at most once.
func CheckFields(fields []string) error {
	count := map[string]int{}
	for _, f := range fields {
		if !slices.Contains(FieldNames, f) {
			return fmt.Errorf("%s is not a column name: want %s", quote.Value(f), strings.Join(FieldNames, ", "))
		}
		count[f]++
	}
	for _, f := range []string{"Bucket", "Key", "VersionId"} {
		if count[f] > 1 {
			return fmt.Errorf("%s given %d times", f, count[f])
		}
	}
	if count["Bucket"] == 0 || count["Key"] == 0 {
		return fmt.Errorf("%s: a manifest has a Bucket and a Key column", quote.Value(strings.Join(fields, ",")))
	}
	return nil
}

// ParseTag reads KEY=VALUE.
func ParseTag(s string) (Tag, error) {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return Tag{}, fmt.Errorf("%s: want KEY=VALUE", quote.Value(s))
	}
	return Tag{k, v}, nil
}

// CheckTags checks the job's tags: at most MaxTags, keys of 1 to
// MaxTagKeyLength characters, each once, values of at most
// MaxTagValueLength, of the characters S3Tag's pattern allows.
func CheckTags(tags []Tag) error {
	if len(tags) > MaxTags {
		return fmt.Errorf("Tags: %d, more than a job's %d (MaxTags)", len(tags), MaxTags)
	}
	seen := map[string]bool{}
	for _, t := range tags {
		if err := s3rules.CheckText(t.Key, 1, MaxTagKeyLength, "MaxTagKeyLength"); err != nil {
			return fmt.Errorf("Tags: key %s: %v", quote.Value(t.Key), err)
		}
		if r, ok := tagText(t.Key); !ok {
			return fmt.Errorf("Tags: key %s: %s is not allowed: %s", quote.Value(t.Key), shownRune(r), tagChars)
		}
		if t.Value != "" {
			if err := s3rules.CheckText(t.Value, 0, MaxTagValueLength, "MaxTagValueLength"); err != nil {
				return fmt.Errorf("Tags: %s's value %s: %v", quote.Value(t.Key), quote.Value(t.Value), err)
			}
			if r, ok := tagText(t.Value); !ok {
				return fmt.Errorf("Tags: %s's value %s: %s is not allowed: %s", quote.Value(t.Key), quote.Value(t.Value), shownRune(r), tagChars)
			}
		}
		if seen[t.Key] {
			return fmt.Errorf("Tags: key %s given twice", quote.Value(t.Key))
		}
		seen[t.Key] = true
	}
	return nil
}

// shownRune shows r quoted with its code point, which names it even when
// it shows as nothing alone (a combining mark, a format character).
func shownRune(r rune) string { return fmt.Sprintf("%s (%U)", quote.Value(string(r)), r) }

// tagChars says which characters a tag's key and value may hold.
const tagChars = "a tag holds letters, digits, spaces and _ . : / = + - @ (S3Tag's pattern)"

// tagText reports whether s fits the S3 Control API's pattern for S3Tag's
// Key and Value, ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$ (the API reference's
// S3Tag), and returns the first character that does not.
func tagText(s string) (rune, bool) {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Z, r) && !unicode.IsNumber(r) && !strings.ContainsRune("_.:/=+-@", r) {
			return r, false
		}
	}
	return 0, true
}

// NormalizeETag returns the manifest's ETag as CreateJob takes it: the
// hex digest (or digest-parts for a multipart object) without the double
// quotes that S3's ETag header, `aws s3api head-object` and the console
// put around it. The AWS documentation's CreateJob examples give it bare;
// S3 compares it with the object's when the job starts, and a mismatch
// fails the job.
func NormalizeETag(etag string) string {
	if len(etag) >= 2 && etag[0] == '"' && etag[len(etag)-1] == '"' {
		etag = etag[1 : len(etag)-1]
	}
	return etag
}

// Truncate cuts s to at most n characters, never splitting one.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// FieldsOf reads a local copy of a CSV manifest and returns its columns:
// Bucket,Key, or Bucket,Key,VersionId when it has version ids (on every
// line: localjob.ReadCSV refuses a manifest that mixes them).
func FieldsOf(r io.Reader, name string) ([]string, error) {
	fields := []string{"Bucket", "Key"}
	n := 0
	for t, err := range localjob.ReadCSV(r, name) {
		if err != nil {
			return nil, err
		}
		if n == 0 && t.HasVersion {
			fields = append(fields, "VersionId")
		}
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: no lines: a job needs at least one task", name)
	}
	return fields, nil
}
