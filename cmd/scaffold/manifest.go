package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/s3rules"
	"github.com/s3batchops/scaffold/listing"
	"github.com/s3batchops/scaffold/project"
	"github.com/s3batchops/scaffold/schema"
)

const manifestAbout = `Manifest turns task parameters, one JSON object a line, into an S3 Batch
Operations CSV manifest: bucket,<URL-encoded JSON>. Each object is checked
against the task schema of the project in DIR (default: the current
directory), and each encoded key against S3's limit of 1,024 characters.
When any line is wrong, the wrong lines are listed, with their numbers,
and nothing is written.

With --list s3://BUCKET[/PREFIX], it lists the bucket instead (no project
needed): every object, or with --versions every version, filtered by
--suffix, --min-size, --max-size and --modified-after, its key URL-encoded
as S3 Batch Operations reads it. The standard AWS configuration applies
(AWS_PROFILE, AWS_REGION, credentials, AWS_ENDPOINT_URL_S3, with which
buckets are addressed by path). --out writes the file atomically, nothing
on error; --upload puts it in S3 and prints its ETag for scaffold job.

Limits: --bucket follows S3's bucket-naming rules (general purpose, or a
directory bucket's name--zone-id--x-s3); a line is at most 65,536 bytes
(MaxTaskLine) of UTF-8; its key, URL-encoded, at most 1,024 characters
(MaxKeyLength).`

const manifestExamples = `  scaffold manifest --list s3://amzn-s3-demo-bucket--usw2-az1--x-s3/photos/ --suffix .jpg --out manifest.csv \
    --upload s3://amzn-s3-demo-manifests/copy.csv
  scaffold manifest --bucket amzn-s3-demo-bucket --in tasks.jsonl > manifest.csv
  jq -c '.[]' tasks.json | scaffold manifest ./renamer --bucket amzn-s3-demo-bucket > manifest.csv`

// Bounds of scaffold manifest's input.
const (
	// MaxTaskLine is the longest line of task parameters read, in bytes.
	// A line's JSON, compacted and URL-encoded, must fit S3's key field of
	// 1,024 characters, so a longer line can only be a mistake (or not
	// JSON lines at all); it is named and skipped, not read into memory.
	MaxTaskLine = 64 << 10
	// maxProblems is how many wrong lines are listed: reading stops at the
	// first line past them, so that a file that is not task parameters at
	// all is refused at once.
	maxProblems = 100
)

func runManifest(e *env, args []string) error {
	var bucket, in string
	var l manifestList
	fs := newFlagSet("manifest", "scaffold manifest [flags] [DIR]", manifestAbout, manifestExamples, e)
	fs.StringVar(&l.from, "list", "", "list `s3://bucket[/prefix]` into a manifest")
	fs.BoolVar(&l.o.Versions, "versions", false, "with --list: every version of each object (versioned general purpose buckets), with a VersionId column")
	fs.StringVar(&l.o.Suffix, "suffix", "", "with --list: keep keys that end with `suffix`")
	fs.Int64Var(&l.o.MinSize, "min-size", 0, "with --list: keep objects of at least `bytes`")
	fs.Int64Var(&l.o.MaxSize, "max-size", -1, "with --list: keep objects of at most `bytes` (-1: no maximum)")
	fs.StringVar(&l.after, "modified-after", "", "with --list: keep objects last modified after `time` (RFC 3339, such as 2024-05-01T00:00:00Z)")
	fs.StringVar(&l.out, "out", "", "with --list: write the manifest to `file`, atomically, rather than standard output")
	fs.StringVar(&l.upload, "upload", "", "with --list: put the manifest at `s3://bucket/key` and print its ETag")
	fs.StringVar(&bucket, "bucket", "", "the `bucket` of every line (the manifest's Bucket column): a general purpose or directory bucket's name")
	fs.StringVar(&in, "in", "", "read the JSON objects from `file` (.jsonl) rather than standard input")
	if err := fs.parse(args); err != nil {
		return err
	}
	if l.from != "" {
		return l.run(e, bucket, in)
	}
	dir, err := fs.projectDir()
	if err != nil {
		return err
	}
	if bucket == "" {
		return usagef("missing --bucket")
	}
	if err := s3rules.CheckBucket(bucket); err != nil {
		return usagef("--bucket %s: %v", quote.Value(bucket), err)
	}
	cfg, err := project.ReadConfig(dir)
	if err != nil {
		return err
	}
	task, _, err := project.LoadTaskSchema(dir, cfg)
	if err != nil {
		return err
	}
	if task == nil {
		return fmt.Errorf("%s has no task schema (taskSchema in scaffold.yaml): its keys are plain object keys", quote.Name(dir))
	}
	r := e.stdin
	name := "standard input"
	if in != "" {
		f, err := os.Open(in)
		if err != nil {
			return fmt.Errorf("--in: %w", err)
		}
		defer f.Close()
		r, name = f, quote.Name(in)
	}
	// The manifest is staged in a temporary file, so that memory stays flat
	// however long the input, and nothing is written when a line is wrong.
	out, err := os.CreateTemp("", "scaffold-manifest-*.csv")
	if err != nil {
		return err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	if err := manifestLines(r, name, bucket, task, out); err != nil {
		return err
	}
	if _, err := out.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err = io.Copy(e.stdout, out)
	return err
}

// manifestLines reads JSON objects a line and writes the manifest to out,
// or returns an error listing the lines that are wrong (the first
// maxProblems of them).
func manifestLines(r io.Reader, name, bucket string, task *schema.Spec, out io.Writer) error {
	w := bufio.NewWriter(out)
	var probs []string
	problem := func(n int, format string, args ...any) {
		probs = append(probs, fmt.Sprintf("%s:%d: ", name, n)+fmt.Sprintf(format, args...))
	}
	var compact bytes.Buffer
	stopped := 0
	err := readLines(r, MaxTaskLine, func(n int, line []byte, tooLong bool) bool {
		if len(probs) == maxProblems {
			stopped = n
			return false
		}
		checkTaskLine(n, line, tooLong, bucket, task, &compact, w, problem)
		return true
	})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(probs) > 0 {
		if stopped > 0 {
			probs = append(probs, fmt.Sprintf("%s: stopped at line %d after %d wrong lines", name, stopped, maxProblems))
		}
		return errors.New(strings.Join(probs, "\n") + "\nnothing was written")
	}
	return w.Flush()
}

// checkTaskLine checks line n and writes its manifest line to w, or
// reports its problem.
func checkTaskLine(n int, line []byte, tooLong bool, bucket string, task *schema.Spec, compact *bytes.Buffer, w io.Writer, problem func(int, string, ...any)) {
	if n == 1 {
		line = bytes.TrimPrefix(line, utf8BOM)
	}
	line = bytes.TrimSpace(line)
	switch {
	case tooLong:
		problem(n, "the line is longer than %d bytes (MaxTaskLine): one JSON object a line, whose key must fit S3's %d characters", MaxTaskLine, schema.MaxKeyLength)
		return
	case len(line) == 0:
		return
	case !utf8.Valid(line):
		problem(n, "not valid UTF-8 (at byte %d): task parameters are UTF-8 JSON", invalidUTF8At(line)+1)
		return
	}
	compact.Reset()
	if err := json.Compact(compact, line); err != nil {
		problem(n, "not JSON: %v", err)
		return
	}
	// The key's length first: a value too long to send is not echoed
	// by the schema's checks.
	key := url.QueryEscape(compact.String())
	if l := utf8.RuneCountInString(key); l > schema.MaxKeyLength {
		problem(n, "the key is %d characters long once URL-encoded, more than S3's limit of %d (MaxKeyLength): shorten its values", l, schema.MaxKeyLength)
		return
	}
	if p := task.CheckTask(compact.String()); len(p) > 0 {
		problem(n, "%s", strings.Join(p, "; "))
		return
	}
	fmt.Fprintf(w, "%s,%s\n", bucket, key)
}

// utf8BOM is the byte order mark some editors put at the start of a file.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// invalidUTF8At returns the offset of the first byte of b that is not
// valid UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// readLines calls fn with each line of r, numbered from 1, without its
// line ending, until fn returns false. A line longer than max bytes is
// passed as tooLong, with no content, and the rest of it is skipped:
// memory stays within max.
func readLines(r io.Reader, max int, fn func(n int, line []byte, tooLong bool) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for n := 1; ; n++ {
		buf = buf[:0]
		tooLong := false
		for {
			chunk, err := br.ReadSlice('\n')
			if !tooLong {
				if len(buf)+len(chunk) > max+2 { // room for \r\n
					tooLong, buf = true, buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			if errors.Is(err, io.EOF) {
				if len(buf) > 0 || tooLong {
					fn(n, trimEOL(buf, max, &tooLong), tooLong)
				}
				return nil
			}
			if err != nil {
				return err
			}
			break
		}
		if !fn(n, trimEOL(buf, max, &tooLong), tooLong) {
			return nil
		}
	}
}

// trimEOL drops a line's \n or \r\n, and marks a line still over max
// without it too long.
func trimEOL(b []byte, max int, tooLong *bool) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	if len(b) > max {
		*tooLong = true
	}
	if *tooLong {
		return nil
	}
	return b
}

// manifestList is scaffold manifest --list's flags.
type manifestList struct {
	from, after, out, upload string
	o                        listing.Options
}

// run lists the bucket into the manifest (package listing), with a
// progress line on a terminal, then uploads it when asked.
func (l *manifestList) run(e *env, bucket, in string) error {
	if bucket != "" || in != "" {
		return usagef("--list: --bucket and --in are for task parameters; leave them out")
	}
	var ok bool
	if l.o.Bucket, l.o.Prefix, ok = splitS3URL(l.from); !ok {
		return usagef("--list %s: want s3://bucket[/prefix]", quote.Value(l.from))
	}
	if l.after != "" {
		t, err := time.Parse(time.RFC3339, l.after)
		if err != nil {
			return usagef("--modified-after %s: want an RFC 3339 time, such as 2024-05-01T00:00:00Z", quote.Value(l.after))
		}
		l.o.ModifiedAfter = t
	}
	if err := l.o.Check(); err != nil {
		return usagef("--list %s: %v", quote.Value(l.from), err)
	}
	var upBucket, upKey string
	if l.upload != "" {
		if upBucket, upKey, ok = splitS3URL(l.upload); !ok || upKey == "" {
			return usagef("--upload %s: want s3://bucket/key", quote.Value(l.upload))
		}
	}
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		l.o.Progress = func(c listing.Counts) {
			fmt.Fprintf(e.stderr, "\rscaffold: listed %d objects, kept %d", c.Listed, c.Written)
		}
		defer fmt.Fprintln(e.stderr)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	client, err := listing.NewClient(ctx)
	if err != nil {
		return err
	}
	out := l.out
	if out == "" && l.upload != "" {
		tmp, err := os.MkdirTemp("", "scaffold-manifest-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		out = filepath.Join(tmp, "manifest.csv")
	}
	var counts listing.Counts
	list := func(w io.Writer) (err error) {
		counts, err = listing.Write(ctx, client, w, l.o)
		return err
	}
	if out == "" {
		err = list(e.stdout)
	} else {
		err = listing.WriteFile(out, list)
	}
	if err != nil {
		return err
	}
	if counts.Written == 0 {
		fmt.Fprintf(e.stderr, "scaffold: no object of %s passed the filters: the manifest is empty, and S3 refuses a job without tasks\n", quote.Value(l.from))
	}
	if l.upload == "" {
		return nil
	}
	etag, err := listing.Upload(ctx, client, out, upBucket, upKey)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s\n", etag)
	fmt.Fprintf(e.stderr, "scaffold: %d objects in s3://%s/%s; give scaffold job --manifest s3://%s/%s --manifest-etag %s\n", counts.Written, upBucket, upKey, upBucket, upKey, etag)
	return nil
}
