package s3list

// These tests list buckets on an S3 server on 127.0.0.1 (gofakes3) through
// the standard AWS configuration, as scaffold manifest --list does: past a
// page of 1,000 keys, keys that need encoding, the filters, versions and
// the upload's ETag.

import (
	"context"
	"crypto/md5"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/s3batchops/scaffold/listing"
)

// server starts gofakes3, its objects' times from now, and points the AWS
// configuration of this test at it.
func server(t *testing.T, now func() time.Time) (*s3mem.Backend, *s3.Client) {
	t.Helper()
	backend := s3mem.New(s3mem.WithTimeSource(clock(now)))
	ts := httptest.NewServer(gofakes3.New(backend).Server())
	t.Cleanup(ts.Close)
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL_S3": ts.URL, "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "SECRET",
		"AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "none"),
		"AWS_PROFILE": "", "AWS_EC2_METADATA_DISABLED": "true",
		"AWS_REQUEST_CHECKSUM_CALCULATION": "when_required", "AWS_RESPONSE_CHECKSUM_VALIDATION": "when_required",
	} {
		t.Setenv(k, v)
	}
	client, err := NewClient(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return backend, client
}

type clock func() time.Time

func (c clock) Now() time.Time                  { return c() }
func (c clock) Since(t time.Time) time.Duration { return c().Sub(t) }

func put(t *testing.T, b *s3mem.Backend, bucket, key, body string) {
	t.Helper()
	if _, err := b.PutObject(bucket, key, map[string]string{}, strings.NewReader(body), int64(len(body)), nil); err != nil {
		t.Fatal(err)
	}
}

// special are keys that must be encoded, and must come back unchanged.
var special = []string{"photos/cat 1.jpg", "a+b=c.txt", "100%.txt", "café/写真.jpg", "comma,key.txt", "tab\tkey", "~tilde/-._"}

func TestWriteListsPastAPage(t *testing.T) {
	backend, client := server(t, time.Now)
	backend.CreateBucket("src")
	const n = 2345
	want := map[string]bool{}
	for i := range n {
		key := fmt.Sprintf("data/part-%05d.bin", i)
		put(t, backend, "src", key, "x")
		want[key] = true
	}
	for _, k := range special {
		put(t, backend, "src", k, "x")
		want[k] = true
	}
	put(t, backend, "src", "other/not-this.txt", "x")
	var b strings.Builder
	var pages []listing.Counts
	c, err := Write(context.Background(), client, &b, listing.Options{Bucket: "src", MaxSize: -1, Progress: func(c listing.Counts) { pages = append(pages, c) }})
	if err != nil {
		t.Fatal(err)
	}
	if c.Listed != n+int64(len(special))+1 || c.Written != c.Listed {
		t.Errorf("counts %+v", c)
	}
	if len(pages) < 3 {
		t.Errorf("%d pages for %d keys, want at least 3 of 1,000", len(pages), c.Listed)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	got := map[string]bool{}
	for _, l := range lines {
		bucket, enc, ok := strings.Cut(l, ",")
		if !ok || bucket != "src" || strings.ContainsAny(enc, ", \t+") {
			t.Fatalf("line %q is not bucket,encoded-key", l)
		}
		// The function decodes with url.QueryUnescape (unquote_plus).
		key, err := url.QueryUnescape(enc)
		if err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if unq, _ := url.PathUnescape(enc); unq != key {
			t.Errorf("line %q decodes differently with unquote and unquote_plus", l)
		}
		got[key] = true
	}
	delete(got, "other/not-this.txt")
	if len(got) != len(want) {
		t.Errorf("%d keys written, want %d", len(got), len(want))
	}
	for k := range want {
		if !got[k] {
			t.Errorf("%q was not written (or not decoded back to itself)", k)
		}
	}

	// A prefix lists only under it.
	b.Reset()
	if c, err := Write(context.Background(), client, &b, listing.Options{Bucket: "src", Prefix: "data/", MaxSize: -1}); err != nil || c.Written != n {
		t.Errorf("prefix data/: %+v, %v; want %d", c, err, n)
	}
}

func TestWriteFilters(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	backend, client := server(t, func() time.Time { return now })
	backend.CreateBucket("src")
	put(t, backend, "src", "old.jpg", "12345")
	now = now.Add(time.Hour)
	put(t, backend, "src", "new.jpg", "1234567890")
	put(t, backend, "src", "new.png", "1234567890")
	put(t, backend, "src", "tiny.jpg", "1")
	for _, tc := range []struct {
		o    listing.Options
		want string
	}{
		{listing.Options{Suffix: ".jpg", MaxSize: -1}, "new.jpg old.jpg tiny.jpg"},
		{listing.Options{MinSize: 5, MaxSize: 9}, "old.jpg"},
		{listing.Options{MinSize: 2, MaxSize: -1, ModifiedAfter: now.Add(-time.Minute)}, "new.jpg new.png"},
	} {
		tc.o.Bucket = "src"
		var b strings.Builder
		if _, err := Write(context.Background(), client, &b, tc.o); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, l := range strings.Fields(b.String()) {
			keys = append(keys, strings.TrimPrefix(l, "src,"))
		}
		slices.Sort(keys)
		if got := strings.Join(keys, " "); got != tc.want {
			t.Errorf("%+v: %s, want %s", tc.o, got, tc.want)
		}
	}
}

func TestWriteVersions(t *testing.T) {
	backend, client := server(t, time.Now)
	backend.CreateBucket("src")
	if err := backend.SetVersioningConfiguration("src", gofakes3.VersioningConfiguration{Status: gofakes3.VersioningEnabled}); err != nil {
		t.Fatal(err)
	}
	put(t, backend, "src", "a b.txt", "1")
	put(t, backend, "src", "a b.txt", "2")
	var b strings.Builder
	c, err := Write(context.Background(), client, &b, listing.Options{Bucket: "src", Versions: true, MaxSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if c.Written != 2 || len(lines) != 2 {
		t.Fatalf("%+v:\n%s", c, b.String())
	}
	for _, l := range lines {
		f := strings.Split(l, ",")
		if len(f) != 3 || f[1] != "a%20b.txt" || f[2] == "" {
			t.Errorf("line %q, want src,a%%20b.txt,VERSION", l)
		}
	}
	if _, err := Write(context.Background(), client, io.Discard, listing.Options{Bucket: "d--usw2-az1--x-s3", Versions: true}); err == nil || !strings.Contains(err.Error(), "no versions") {
		t.Errorf("versions of a directory bucket: %v", err)
	}
}

func TestUpload(t *testing.T) {
	backend, client := server(t, time.Now)
	backend.CreateBucket("manifests")
	file := filepath.Join(t.TempDir(), "m.csv")
	os.WriteFile(file, []byte("src,k\n"), 0o644)
	etag, err := Upload(context.Background(), client, file, "manifests", "jobs/m.csv")
	if err != nil {
		t.Fatal(err)
	}
	// A single-part upload's ETag is its MD5, given here bare.
	if want := fmt.Sprintf("%x", md5.Sum([]byte("src,k\n"))); etag != want {
		t.Errorf("ETag %q, want %q", etag, want)
	}
	if _, err := Upload(context.Background(), client, file, "m--usw2-az1--x-s3", "m.csv"); err == nil {
		t.Error("a manifest uploaded to a directory bucket")
	}
}

// TestWriteRefusesAStalledListing: a server that says there is more but
// repeats its continuation token (or gives none) is an error, not a listing
// that never ends or a manifest cut short.
func TestWriteRefusesAStalledListing(t *testing.T) {
	for name, token := range map[string]string{"repeated token": "<NextContinuationToken>again</NextContinuationToken>", "no token": ""} {
		t.Run(name, func(t *testing.T) {
			pages := 0
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				pages++
				fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>src</Name><IsTruncated>true</IsTruncated><KeyCount>1</KeyCount>%s<Contents><Key>k%d</Key><Size>1</Size></Contents></ListBucketResult>`, token, pages)
			}))
			defer ts.Close()
			_, client := server(t, time.Now)
			t.Setenv("AWS_ENDPOINT_URL_S3", ts.URL)
			client, err := NewClient(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			_, err = Write(context.Background(), client, &out, listing.Options{Bucket: "src", MaxSize: -1})
			if err == nil || !strings.Contains(err.Error(), "no new continuation token") {
				t.Fatalf("Write = %v, want the stalled listing refused", err)
			}
			if pages > 2 {
				t.Errorf("the server was asked %d times", pages)
			}
		})
	}
}
