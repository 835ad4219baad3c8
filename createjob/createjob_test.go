package createjob

// These tests protect what `aws s3control create-job --cli-input-json`
// reads: the JSON decodes into the SDK's own CreateJobInput with no unknown
// member, every enum value is one the SDK knows, every length is within
// the API model's, the SDK's client accepts and sends it, and empty
// optional members (a report without a prefix) are left out.

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3control"
	"github.com/aws/aws-sdk-go-v2/service/s3control/types"
)

func sample() Input {
	return Input{
		AccountID: "111122223333",
		Operation: Operation{LambdaInvoke: LambdaInvoke{
			FunctionARN:             "arn:aws:lambda:us-west-2:111122223333:function:copier:live",
			InvocationSchemaVersion: "2.0",
			UserArguments:           Arguments{{"MyDestinationBucket", "dst--usw2-az1--x-s3"}, {"MyDestinationPrefix", "copied/"}},
		}},
		Report:             Report{BucketARN: "arn:aws:s3:::reports", Format: "Report_CSV_20180820", Enabled: true, Prefix: "copier", Scope: "AllTasks"},
		ClientRequestToken: "t-1",
		Manifest: Manifest{
			Spec:     ManifestSpec{Format: FormatCSV, Fields: []string{"Bucket", "Key", "VersionId"}},
			Location: ManifestLocation{ObjectARN: "arn:aws:s3:::manifests/copy.csv", ETag: "60e460c9d1046e73f7dde5043ac3ae85"},
		},
		Priority:    10,
		RoleARN:     "arn:aws:iam::111122223333:role/batch-copier",
		Description: "scaffold: copier",
		Tags:        []Tag{{"team", "media"}, {"cost-centre", ""}},
	}
}

// decode reads data as the AWS CLI would: into CreateJobInput, refusing
// any member it does not have.
func decode(t *testing.T, data []byte) *s3control.CreateJobInput {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var in s3control.CreateJobInput
	if err := dec.Decode(&in); err != nil {
		t.Fatalf("decoding into s3control.CreateJobInput: %v\n%s", err, data)
	}
	return &in
}

// checkModel checks in against CreateJob's model: enums as the SDK lists
// them, lengths as botocore's s3control-2018-08-20 model gives them.
func checkModel(t *testing.T, in *s3control.CreateJobInput) {
	t.Helper()
	// length checks a member's length; an optional one may be absent.
	length := func(name string, v *string, lo, hi int, optional ...bool) {
		if v == nil {
			if len(optional) == 0 {
				t.Errorf("%s is missing", name)
			}
			return
		}
		if n := utf8.RuneCountInString(*v); n < lo || n > hi {
			t.Errorf("%s %q: %d characters, want %d to %d", name, *v, n, lo, hi)
		}
	}
	length("AccountId", in.AccountId, 12, 64)
	length("ClientRequestToken", in.ClientRequestToken, 1, 64)
	length("Description", in.Description, 1, 256, true)
	length("RoleArn", in.RoleArn, 1, 2048)
	length("Operation.LambdaInvoke.FunctionArn", in.Operation.LambdaInvoke.FunctionArn, 1, 1024)
	length("Manifest.Location.ObjectArn", in.Manifest.Location.ObjectArn, 1, 2000)
	length("Manifest.Location.ETag", in.Manifest.Location.ETag, 1, 1024)
	length("Report.Bucket", in.Report.Bucket, 1, 128)
	length("Report.Prefix", in.Report.Prefix, 1, 512, true)
	if p := aws.ToInt32(in.Priority); p < 0 {
		t.Errorf("Priority %d", p)
	}
	if !slices.Contains(in.Manifest.Spec.Format.Values(), in.Manifest.Spec.Format) {
		t.Errorf("Manifest.Spec.Format %q is not one of %q", in.Manifest.Spec.Format, in.Manifest.Spec.Format.Values())
	}
	for _, f := range in.Manifest.Spec.Fields {
		if !slices.Contains(f.Values(), f) {
			t.Errorf("Manifest.Spec.Fields: %q is not one of %q", f, f.Values())
		}
	}
	if !slices.Contains(in.Report.Format.Values(), in.Report.Format) || !slices.Contains(in.Report.ReportScope.Values(), in.Report.ReportScope) {
		t.Errorf("Report: format %q, scope %q", in.Report.Format, in.Report.ReportScope)
	}
	if len(in.Operation.LambdaInvoke.UserArguments) > 10 {
		t.Errorf("%d UserArguments", len(in.Operation.LambdaInvoke.UserArguments))
	}
	for _, tag := range in.Tags {
		length("Tags.Key", tag.Key, 1, 1024)
		length("Tags.Value", tag.Value, 0, 1024)
	}
}

// send passes in to the SDK's CreateJob against a server that records the
// request: the SDK validates the input (required members) and serialises it.
func send(t *testing.T, in *s3control.CreateJobInput) string {
	t.Helper()
	var body []byte
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><CreateJobResult><JobId>00e123a4-c0d8-41f4-a0eb-b46f9ba5b07c</JobId></CreateJobResult>`)
	}))
	defer ts.Close()
	client := s3control.New(s3control.Options{
		Region:      "us-west-2",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "SECRET", ""),
		HTTPClient:  &http.Client{Transport: hostRewriter{ts.URL}},
	})
	out, err := client.CreateJob(context.Background(), in)
	if err != nil {
		t.Fatalf("the SDK's CreateJob: %v", err)
	}
	if aws.ToString(out.JobId) == "" {
		t.Fatal("no job id")
	}
	return string(body)
}

// hostRewriter sends every request to the test server, whatever host the
// SDK put the account id into.
type hostRewriter struct{ url string }

func (h hostRewriter) RoundTrip(r *http.Request) (*http.Response, error) {
	u := *r.URL
	u.Scheme, u.Host = "http", strings.TrimPrefix(h.url, "http://")
	r = r.Clone(r.Context())
	r.URL, r.Host = &u, u.Host
	return http.DefaultTransport.RoundTrip(r)
}

func TestEncodeIsACreateJobInput(t *testing.T) {
	in := sample()
	data, err := in.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got := decode(t, data)
	checkModel(t, got)
	if v := got.Operation.LambdaInvoke.UserArguments["MyDestinationBucket"]; v != "dst--usw2-az1--x-s3" {
		t.Errorf("UserArguments = %v", got.Operation.LambdaInvoke.UserArguments)
	}
	if !slices.Equal(got.Manifest.Spec.Fields, []types.JobManifestFieldName{"Bucket", "Key", "VersionId"}) {
		t.Errorf("Fields = %q", got.Manifest.Spec.Fields)
	}
	if len(got.Tags) != 2 || aws.ToString(got.Tags[1].Value) != "" {
		t.Errorf("Tags = %+v", got.Tags)
	}
	body := send(t, got)
	for _, want := range []string{"<Format>S3BatchOperations_CSV_20180820</Format>", "<member>VersionId</member>", "<Prefix>copier</Prefix>", "<InvocationSchemaVersion>2.0</InvocationSchemaVersion>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the SDK sent no %s:\n%s", want, body)
		}
	}
}

func TestOptionalMembersLeftOut(t *testing.T) {
	in := sample()
	in.Report.Prefix, in.Description, in.Tags = "", "", nil
	in.Operation.LambdaInvoke.UserArguments = nil
	in.Manifest.Spec = ManifestSpec{Format: FormatInventory}
	data, err := in.Encode()
	if err != nil {
		t.Fatal(err)
	}
	for _, absent := range []string{`"Prefix"`, `"Description"`, `"Tags"`, `"UserArguments"`, `"Fields"`} {
		if bytes.Contains(data, []byte(absent)) {
			t.Errorf("%s is in the input, empty:\n%s", absent, data)
		}
	}
	got := decode(t, data)
	checkModel(t, got)
	send(t, got)
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Input)
		want string
	}{
		{"fields without Key", func(in *Input) { in.Manifest.Spec.Fields = []string{"Bucket", "VersionId"} }, "a Bucket and a Key column"},
		{"an unknown field", func(in *Input) { in.Manifest.Spec.Fields = []string{"Bucket", "Key", "Version"} }, `"Version" is not a column name`},
		{"fields of an inventory", func(in *Input) { in.Manifest.Spec.Format = FormatInventory }, "declares its own columns"},
		{"a long description", func(in *Input) { in.Description = strings.Repeat("é", 257) }, "257 characters, more than the limit of 256 (MaxDescription)"},
		{"a long prefix", func(in *Input) { in.Report.Prefix = strings.Repeat("p", 513) }, "MaxReportPrefix"},
		{"a bad scope", func(in *Input) { in.Report.Scope = "Some" }, "want AllTasks or FailedTasksOnly"},
		{"a tag twice", func(in *Input) { in.Tags = append(in.Tags, Tag{"team", "x"}) }, `key "team" given twice`},
		{"a long tag key", func(in *Input) { in.Tags = []Tag{{strings.Repeat("k", 129), ""}} }, "MaxTagKeyLength"},
		{"too many tags", func(in *Input) {
			in.Tags = nil
			for i := range MaxTags + 1 {
				in.Tags = append(in.Tags, Tag{strings.Repeat("k", i+1), ""})
			}
		}, "MaxTags"},
	} {
		in := sample()
		tc.edit(&in)
		if _, err := in.Encode(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.want)
		}
	}
}

func TestNormalizeETag(t *testing.T) {
	for in, want := range map[string]string{
		`"60e460c9d1046e73f7dde5043ac3ae85"`:   "60e460c9d1046e73f7dde5043ac3ae85",
		"60e460c9d1046e73f7dde5043ac3ae85":     "60e460c9d1046e73f7dde5043ac3ae85",
		`"d41d8cd98f00b204e9800998ecf8427e-3"`: "d41d8cd98f00b204e9800998ecf8427e-3",
		`"`:                                    `"`,
	} {
		if got := NormalizeETag(in); got != want {
			t.Errorf("NormalizeETag(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestFieldsOf(t *testing.T) {
	for _, tc := range []struct{ csv, want, err string }{
		{"b,k1\nb,k2\n", "Bucket,Key", ""},
		{"b,k1,v1\nb,k2,null\n", "Bucket,Key,VersionId", ""},
		{"b,k1,v1\nb,k2\n", "", "version ids go on every line or none"},
		{"", "", "no lines"},
	} {
		got, err := FieldsOf(strings.NewReader(tc.csv), "m.csv")
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("FieldsOf(%q) error %v, want %q", tc.csv, err, tc.err)
			}
			continue
		}
		if err != nil || strings.Join(got, ",") != tc.want {
			t.Errorf("FieldsOf(%q) = %q, %v; want %s", tc.csv, got, err, tc.want)
		}
	}
}

// TestCheckTagsPattern holds CheckTags to S3Tag's pattern in the S3
// Control API reference, ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$, for keys and
// values alike.
func TestCheckTagsPattern(t *testing.T) {
	for _, tc := range []struct {
		tag  Tag
		want string // "" when allowed
	}{
		{Tag{"team", "media"}, ""},
		{Tag{"cost-centre", ""}, ""},
		{Tag{"a_b.c:d/e=f+g-h@i", "Ünïcödé 数字 ٣"}, ""},
		{Tag{"with space", "x y"}, ""},
		{Tag{`k"`, "v"}, `key "k\"": "\"" (U+0022) is not allowed`},
		{Tag{"k", "v<"}, `"k"'s value "v<": "<" (U+003C) is not allowed`},
		{Tag{"k", "50%"}, `"%" (U+0025) is not allowed`},
		{Tag{"k#", "v"}, `"#" (U+0023) is not allowed`},
		{Tag{"emoji", "😀"}, `"😀" (U+1F600) is not allowed`},
		{Tag{"k", "e\u0301"}, `(U+0301) is not allowed`}, // a combining mark is \p{M}, shown by its code point
	} {
		err := CheckTags([]Tag{tc.tag})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%+v: %v, want it allowed", tc.tag, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%+v: %v, want %q", tc.tag, err, tc.want)
		}
	}
}
