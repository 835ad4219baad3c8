package localjob

// These tests protect the bounds scaffold run applies as S3 and Lambda do:
// a manifest line's length, its line numbers, a byte order mark, invalid
// UTF-8, keys over S3's 1,024 bytes, buckets S3 could not have, and events
// over Lambda's 6 MB.

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/s3batchops/scaffold/internal/limitstest"
)

func TestReadCSVLineNumbers(t *testing.T) {
	// Blank lines and a quoted newline count as lines, as an editor counts
	// them: the third record starts on line 6.
	in := "\xef\xbb\xbfmy-bucket,a\n\nmy-bucket,\"b\nc\"\n\nmy-bucket,d,1\n"
	var got []string
	for task, err := range ReadCSV(strings.NewReader(in), "m.csv") {
		if err != nil {
			got = append(got, err.Error())
			break
		}
		got = append(got, task.Line+" "+task.Bucket)
	}
	want := []string{"m.csv:1 my-bucket", "m.csv:3 my-bucket", "m.csv:6: 3 fields where the first line has 2: version ids go on every line or none"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestReadCSVBOM(t *testing.T) {
	tasks, err := collect(t, ReadCSV(strings.NewReader("\xef\xbb\xbfmy-bucket,k\n"), "m.csv"))
	if err != nil || len(tasks) != 1 || tasks[0].Bucket != "my-bucket" {
		t.Errorf("tasks = %+v, %v: want the byte order mark dropped", tasks, err)
	}
}

func TestReadCSVBounds(t *testing.T) {
	long := strings.Repeat("k", MaxManifestLine)
	for _, tc := range []struct{ name, in, want string }{
		{"a long line", "my-bucket,a\n\nmy-bucket," + long + "\n", "m.csv:3: the line is longer than 16384 bytes (MaxManifestLine)"},
		{"a long quoted record", "my-bucket,\"" + strings.Repeat("\n", MaxManifestLine) + "\"\n", "m.csv:1: the line is longer than 16384 bytes (MaxManifestLine)"},
		{"invalid UTF-8", "my-bucket,ok\nmy-bucket,caf\xe9\n", `m.csv:2: field 2 is not valid UTF-8 ("caf\xe9")`},
		{"a parse error", "my-bucket,ok\n\nmy-bucket,a\"b\n", "m.csv:3:12: bare \" in non-quoted-field"},
		{"a hostile file name", "x\n", `"m\x1b[2J.csv":1: want bucket,key`},
	} {
		name := "m.csv"
		if tc.name == "a hostile file name" {
			name = "m\x1b[2J.csv"
		}
		_, err := collect(t, ReadCSV(strings.NewReader(tc.in), name))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestReadCSVHuge reads a 200 MB line: refused after MaxManifestLine bytes,
// without reading the rest.
func TestReadCSVHuge(t *testing.T) {
	r := &countingReader{r: io.MultiReader(strings.NewReader("my-bucket,"), zeros{}), limit: 200 << 20}
	_, err := collect(t, ReadCSV(r, "m.csv"))
	if err == nil || !strings.Contains(err.Error(), "m.csv:1: the line is longer") {
		t.Fatalf("err = %v", err)
	}
	if r.n > 1<<20 {
		t.Errorf("read %d bytes of a line refused at %d", r.n, MaxManifestLine)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'k'
	}
	return len(p), nil
}

type countingReader struct {
	r        io.Reader
	n, limit int
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.n >= c.limit {
		return 0, io.EOF
	}
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestRefusal(t *testing.T) {
	key1024 := strings.Repeat("%C3%A9", limitstest.KeyBytes/2) // 1,024 bytes decoded, 3,072 encoded
	for _, tc := range []struct {
		task Task
		want string
	}{
		{Task{Bucket: "my-bucket", Key: key1024}, ""},
		{Task{Bucket: "my-bucket", Key: key1024 + "x"}, "KeyTooLongError: Your key is too long. (1025 bytes once URL-decoded, more than S3's limit of 1024 bytes, MaxKeyBytes)"},
		{Task{Bucket: "my-bucket", Key: strings.Repeat("%zz", 400)}, "KeyTooLongError"},
		{Task{Bucket: "my-bucket", Key: "k", HasVersion: true}, "empty version id"},
		{Task{Bucket: "my bucket", Key: "k"}, "InvalidBucketName"},
		{Task{Bucket: "mybucket--usw2-az1--x-s3", Key: "k"}, ""},
	} {
		if got := refusal(tc.task); tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("refusal(%.40q) = %q, want %q", tc.task.Key, got, tc.want)
		}
	}
}

// TestRunRefusesWhatS3Would runs a job: a key over 1,024 bytes and an
// event over 6 MB fail their tasks without invoking the function; the
// other task runs.
func TestRunRefusesWhatS3Would(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	cfg := fakeConfig(t)
	results := runAll(t, cfg, Task{Bucket: "my-bucket", Key: "ok"}, Task{Bucket: "my-bucket", Key: strings.Repeat("k", 1025)})
	if len(results) != 2 || results[0].Code != Succeeded || results[0].Message != "got ok" ||
		results[1].Code != PermanentFailure || !strings.HasPrefix(results[1].Message, "KeyTooLongError") {
		t.Errorf("results = %.300s", fmt.Sprintf("%+v", results))
	}
	cfg.UserArguments = map[string]string{"Big": string(bytes.Repeat([]byte("x"), limitstest.PayloadBytes))}
	results = runAll(t, cfg, Task{Bucket: "my-bucket", Key: "ok"})
	if len(results) != 1 || results[0].Code != PermanentFailure || !strings.HasPrefix(results[0].Message, "RequestEntityTooLargeException: Request must be smaller than 6291456 bytes") {
		t.Errorf("results = %.300s", fmt.Sprintf("%+v", results))
	}
}

// TestReadInventoryBounds: an inventory whose manifest.json lists a data
// file that is not one (a path of no file, one listed twice) or a data
// file that decompresses far beyond any CSV of keys stops the run before
// it starts, naming manifest.json, the entry and the limit.
func TestReadInventoryBounds(t *testing.T) {
	dir := t.TempDir()
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(bytes.Repeat([]byte("\n"), 8<<20)) // 8 MiB of blank lines: about 1,030 times smaller
	zw.Close()
	os.WriteFile(filepath.Join(dir, "bomb.csv.gz"), bomb.Bytes(), 0o644)
	var ok bytes.Buffer
	zw = gzip.NewWriter(&ok)
	io.WriteString(zw, "\"b\",\"k\"\n")
	zw.Close()
	os.WriteFile(filepath.Join(dir, "ok.csv.gz"), ok.Bytes(), 0o644)
	manifest := filepath.Join(dir, "manifest.json")
	for _, tc := range []struct{ files, want string }{
		{`[{"key":"data/bomb.csv.gz"}]`, "bomb.csv.gz: decompresses to more than 512 times its size (MaxInventoryRatio)"},
		{`[{"key":"data/ok.csv.gz"},{"key":"other/ok.csv.gz"}]`, `files[1] "other/ok.csv.gz": the data file ok.csv.gz is listed again (files[0])`},
		{`[{"key":"../../.."}]`, `files[0] "../../..": not the key of a data file`},
		{`[{"key":""}]`, `files[0] "": not the key of a data file`},
		{`[{"key":"data/missing.csv.gz"}]`, `files[0] "data/missing.csv.gz": lstat`},
	} {
		os.WriteFile(manifest, []byte(`{"fileFormat":"CSV","fileSchema":"Bucket, Key","files":`+tc.files+`}`), 0o644)
		_, err := collect(t, ReadInventory(manifest))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "manifest.json: files[") {
			t.Errorf("files %s: %v\nwant %q", tc.files, err, tc.want)
		}
	}
	// More data files than MaxInventoryFiles: refused before any is opened.
	many := strings.Repeat(`{"key":"data/x.csv.gz"},`, MaxInventoryFiles) + `{"key":"data/ok.csv.gz"}`
	os.WriteFile(manifest, []byte(`{"fileFormat":"CSV","fileSchema":"Bucket, Key","files":[`+many+`]}`), 0o644)
	if _, err := collect(t, ReadInventory(manifest)); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%d data files, more than %d (MaxInventoryFiles)", MaxInventoryFiles+1, MaxInventoryFiles)) {
		t.Errorf("%d data files: %v, want them refused", MaxInventoryFiles+1, err)
	}
}

// TestReportRefusesLink: a report directory that is a link (a checkout can
// carry one where scaffold-report would be) is refused, and nothing is
// written where it points.
func TestReportRefusesLink(t *testing.T) {
	elsewhere := t.TempDir()
	link := filepath.Join(t.TempDir(), "scaffold-report")
	if err := os.Symlink(elsewhere, link); err != nil {
		t.Skip(err)
	}
	for _, dir := range []string{link, link + "/", link + "/."} {
		_, err := NewReport(dir, "j")
		if err == nil || !strings.Contains(err.Error(), "scaffold-report is a symbolic link") || !strings.Contains(err.Error(), "pass --report") {
			t.Errorf("NewReport(%s) = %v, want the link refused with the fix", dir, err)
		}
	}
	// A relative path is checked on its way: the link may be a directory
	// above the report's.
	t.Chdir(filepath.Dir(link))
	if _, err := NewReport(filepath.Join("scaffold-report", "sub"), "j"); err == nil || !strings.Contains(err.Error(), "scaffold-report is a symbolic link") {
		t.Errorf("a report below a link: %v", err)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
		t.Errorf("written through the link: %v", entries)
	}
}
