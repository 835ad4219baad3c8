package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/s3batchops/scaffold/templates/runtime/batch"
	"github.com/s3batchops/scaffold/templates/starter/internal/args"
)

// This file is yours, like function.go. TestProcess copies objects on an S3
// REST server started on 127.0.0.1 (gofakes3), with the real SDK client:
// keys with spaces, "+" and non-ASCII characters, a version, a missing key
// (PermanentFailure) and a throttled request (TemporaryFailure).
// TestProcessMultipart lowers the multipart threshold to copy small objects
// in parts, and checks the requests, the copy, and the abort on failure.

// server wraps the S3 server. It records each request's operation and each
// CopySource the function sends; answers 503 SlowDown, as S3 does when
// throttling, for copy sources with "slow-down" in them; and answers
// AccessDenied to the second part of a copy of a key with "fail-part" in it.
// gofakes3 takes an UploadPartCopy for an empty UploadPart, so server does
// what S3 does: it reads the source range and uploads it as the part.
type server struct {
	next        http.Handler
	mu          sync.Mutex
	ops         []string
	copySources []string
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	src := r.Header.Get("X-Amz-Copy-Source")
	op := operation(r)
	s.mu.Lock()
	s.ops = append(s.ops, op)
	if src != "" {
		s.copySources = append(s.copySources, src)
	}
	s.mu.Unlock()
	switch {
	case strings.Contains(src, "slow-down"):
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`)
	case strings.Contains(src, "fail-part") && r.URL.Query().Get("partNumber") == "2":
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`)
	case strings.HasPrefix(op, "UploadPartCopy"):
		s.uploadPartCopy(w, r, src)
	default:
		s.next.ServeHTTP(w, r)
	}
}

// operation names the S3 operation of r, with a part's number and range.
func operation(r *http.Request) string {
	q := r.URL.Query()
	copying := r.Header.Get("X-Amz-Copy-Source") != ""
	switch {
	case r.Method == http.MethodHead:
		return "HeadObject"
	case r.Method == http.MethodPut && copying && q.Has("partNumber"):
		return "UploadPartCopy " + q.Get("partNumber") + " " + r.Header.Get("X-Amz-Copy-Source-Range")
	case r.Method == http.MethodPut && copying:
		return "CopyObject"
	case r.Method == http.MethodPost && q.Has("uploads"):
		return "CreateMultipartUpload"
	case r.Method == http.MethodPost && q.Has("uploadId"):
		return "CompleteMultipartUpload"
	case r.Method == http.MethodDelete && q.Has("uploadId"):
		return "AbortMultipartUpload"
	}
	return r.Method
}

// uploadPartCopy reads the range of the source that r names from gofakes3
// and uploads it as the part.
func (s *server) uploadPartCopy(w http.ResponseWriter, r *http.Request, src string) {
	get := httptest.NewRequest(http.MethodGet, "/"+src, nil)
	get.Header.Set("Range", r.Header.Get("X-Amz-Copy-Source-Range"))
	got := httptest.NewRecorder()
	s.next.ServeHTTP(got, get)
	if got.Code != http.StatusOK && got.Code != http.StatusPartialContent {
		w.WriteHeader(got.Code)
		w.Write(got.Body.Bytes())
		return
	}
	body := got.Body.Bytes()
	put := httptest.NewRequest(http.MethodPut, r.URL.String(), bytes.NewReader(body))
	put.Header.Set("Content-Length", strconv.Itoa(len(body)))
	part := httptest.NewRecorder()
	s.next.ServeHTTP(part, put)
	if part.Code != http.StatusOK {
		w.WriteHeader(part.Code)
		w.Write(part.Body.Bytes())
		return
	}
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><CopyPartResult><ETag>%s</ETag></CopyPartResult>`, part.Header().Get("ETag"))
}

// take returns the operations recorded since the last take.
func (s *server) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ops := s.ops
	s.ops = nil
	return ops
}

// setup starts the S3 server and returns it, a client of it, and a Function
// that uses the client, with the buckets "source" (versioned) and
// "destination".
func setup(t *testing.T) (*server, *s3.Client, *Function) {
	t.Helper()
	s3server := &server{next: gofakes3.New(s3mem.New()).Server()}
	ts := httptest.NewServer(s3server)
	t.Cleanup(ts.Close)
	client := s3.New(s3.Options{
		BaseEndpoint:               aws.String(ts.URL),
		UsePathStyle:               true,
		Region:                     "us-east-1",
		Credentials:                credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "SECRET", ""),
		RetryMaxAttempts:           1,
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenRequired,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenRequired,
	})
	ctx := context.Background()
	for _, b := range []string{"source", "destination"} {
		if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := client.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket:                  aws.String("source"),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled},
	})
	if err != nil {
		t.Fatal(err)
	}
	return s3server, client, newFunction(client)
}

// put stores an object in the source bucket and returns its version.
func put(t *testing.T, client *s3.Client, key, body string) string {
	t.Helper()
	out, err := client.PutObject(context.Background(), &s3.PutObjectInput{
		Bucket:      aws.String("source"),
		Key:         aws.String(key),
		Body:        strings.NewReader(body),
		ContentType: aws.String("text/plain"),
		Metadata:    map[string]string{"colour": "blue"},
	})
	if err != nil {
		t.Fatalf("put %q: %v", key, err)
	}
	return aws.ToString(out.VersionId)
}

// get returns a copied object.
func get(t *testing.T, client *s3.Client, key string) (*s3.GetObjectOutput, string) {
	t.Helper()
	got, err := client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("destination"), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("%s was not copied: %v", key, err)
	}
	defer got.Body.Close()
	body, err := io.ReadAll(got.Body)
	if err != nil {
		t.Fatal(err)
	}
	return got, string(body)
}

func TestProcess(t *testing.T) {
	ctx := context.Background()
	s3server, client, f := setup(t)
	put(t, client, "photos/cat 1.jpg", "a cat")
	put(t, client, "a+b=c.txt", "plus")
	put(t, client, "café/写真.jpg", "non-ASCII")
	put(t, client, "slow-down.txt", "throttled")
	first := put(t, client, "versioned.txt", "first version")
	put(t, client, "versioned.txt", "second version")
	a := mustParse(t, map[string]string{"MyDestinationBucket": "destination", "MyDestinationPrefix": "copied/", "MyDestinationObjectKeySuffix": ".bak"})
	for _, tc := range []struct{ key, version, want string }{
		{"photos/cat 1.jpg", "", "a cat"},
		{"a+b=c.txt", "", "plus"},
		{"café/写真.jpg", "", "non-ASCII"},
		{"versioned.txt", "", "second version"},
	} {
		task := batch.Task{Bucket: "source", Key: tc.key, VersionID: tc.version}
		result, err := f.Process(ctx, task, a)
		if err != nil {
			t.Fatalf("Process(%q): %v", tc.key, err)
		}
		dst := "copied/" + tc.key + ".bak"
		if want := "copied to s3://destination/" + dst; result != want {
			t.Errorf("Process(%q) = %q, want %q", tc.key, result, want)
		}
		got, body := get(t, client, dst)
		if body != tc.want {
			t.Errorf("%s holds %q, want %q", dst, body, tc.want)
		}
		if aws.ToString(got.ContentType) != "text/plain" || got.Metadata["colour"] != "blue" {
			t.Errorf("%s has content type %q and metadata %v, want the source's", dst, aws.ToString(got.ContentType), got.Metadata)
		}
	}

	// A version is copied as S3 names it: the key encoded, then ?versionId=.
	// (gofakes3 copies the newest version whatever the request says, so this
	// checks the request.)
	if _, err := f.Process(ctx, batch.Task{Bucket: "source", Key: "versioned.txt", VersionID: first}, a); err != nil {
		t.Fatal(err)
	}
	want := []string{"source/photos/cat%201.jpg", "source/a%2Bb%3Dc.txt", "source/caf%C3%A9/%E5%86%99%E7%9C%9F.jpg", "source/versioned.txt", "source/versioned.txt?versionId=" + url.QueryEscape(first)}
	if !slices.Equal(s3server.copySources, want) {
		t.Errorf("CopySource headers =\n%q\nwant\n%q", s3server.copySources, want)
	}
	if first == "" {
		t.Error("the source bucket gave no version id")
	}

	// A missing key fails for good; a throttled copy is tried again. (This
	// is the default classification; batch.Settings adds the retry codes
	// of scaffold.yaml.)
	for _, tc := range []struct {
		key  string
		want batch.Code
	}{
		{"no/such/key", batch.PermanentFailure},
		{"slow-down.txt", batch.TemporaryFailure},
	} {
		_, err := f.Process(ctx, batch.Task{Bucket: "source", Key: tc.key}, a)
		if got := (batch.Config{}).Classify(ctx, err); got != tc.want {
			t.Errorf("Process(%q) error %v is %s, want %s", tc.key, err, got, tc.want)
		}
	}
}

func TestProcessMultipart(t *testing.T) {
	ctx := context.Background()
	s3server, client, f := setup(t)
	// Objects over 10 bytes are copied in parts of 4.
	f.multipartAbove, f.partSize = 10, 4
	const body = "abcdefghijklmnopqrstuvwxyz"
	put(t, client, "big file+1.bin", body)
	put(t, client, "small.bin", "0123456789")
	put(t, client, "fail-part.bin", body)
	a := mustParse(t, map[string]string{"MyDestinationBucket": "destination"})
	s3server.take()

	result, err := f.Process(ctx, batch.Task{Bucket: "source", Key: "big file+1.bin"}, a)
	if err != nil {
		t.Fatal(err)
	}
	if want := "copied to s3://destination/big file+1.bin in 7 parts"; result != want {
		t.Errorf("Process = %q, want %q", result, want)
	}
	ops := s3server.take()
	got, copied := get(t, client, "big file+1.bin")
	if copied != body {
		t.Errorf("the copy holds %q, want %q", copied, body)
	}
	if aws.ToString(got.ContentType) != "text/plain" || got.Metadata["colour"] != "blue" {
		t.Errorf("the copy has content type %q and metadata %v, want the source's", aws.ToString(got.ContentType), got.Metadata)
	}
	s3server.take()
	// The parts go in parallel: their order is not the test's business.
	slices.Sort(ops[2 : len(ops)-1])
	want := []string{"HeadObject", "CreateMultipartUpload",
		"UploadPartCopy 1 bytes=0-3", "UploadPartCopy 2 bytes=4-7", "UploadPartCopy 3 bytes=8-11",
		"UploadPartCopy 4 bytes=12-15", "UploadPartCopy 5 bytes=16-19", "UploadPartCopy 6 bytes=20-23",
		"UploadPartCopy 7 bytes=24-25", "CompleteMultipartUpload"}
	if !slices.Equal(ops, want) {
		t.Errorf("requests =\n%q\nwant\n%q", ops, want)
	}

	// At the threshold, one CopyObject.
	if _, err := f.Process(ctx, batch.Task{Bucket: "source", Key: "small.bin"}, a); err != nil {
		t.Fatal(err)
	}
	if ops, want := s3server.take(), []string{"HeadObject", "CopyObject"}; !slices.Equal(ops, want) {
		t.Errorf("requests = %q, want %q", ops, want)
	}

	// A part that fails fails the task, and the upload is aborted.
	_, err = f.Process(ctx, batch.Task{Bucket: "source", Key: "fail-part.bin"}, a)
	if got := (batch.Config{}).Classify(ctx, err); got != batch.PermanentFailure || !strings.Contains(fmt.Sprint(err), "AccessDenied") {
		t.Errorf("a denied part: error %v is %s, want AccessDenied, PermanentFailure", err, got)
	}
	ops = s3server.take()
	if !slices.Contains(ops, "AbortMultipartUpload") || slices.Contains(ops, "CompleteMultipartUpload") {
		t.Errorf("after a failed part, requests = %q, want an abort and no completion", ops)
	}
	if _, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("destination"), Key: aws.String("fail-part.bin")}); err == nil {
		t.Error("a failed multipart copy left an object")
	}
}

func mustParse(t *testing.T, m map[string]string) args.Args {
	a, err := args.Parse(m)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
