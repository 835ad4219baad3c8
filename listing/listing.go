// Package listing is what scaffold manifest --list lists and how it writes
// the manifest: the options and filters, checked before anything is asked
// of S3 (Flags.Request), the keys' encoding and the atomic file. Listing the
// bucket itself, with the AWS SDK for Go v2, is package listing/s3list, in
// the scaffold-s3 command only: the scaffold command, which go generate
// runs in other people's checkouts, links no AWS SDK.
//
// Keys are written as S3 Batch Operations reads a manifest's key field:
// URL-encoded, every byte but the unreserved characters and "/"
// percent-encoded (a space is %20, "+" is %2B, "é" is %C3%A9, "," %2C),
// which url.QueryUnescape, Python's unquote and unquote_plus, and S3 all
// decode to the same key.
package listing

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/s3rules"
)

// Options say what to list and which objects to keep.
type Options struct {
	Bucket, Prefix string
	// Versions lists every version (ListObjectVersions) and writes the
	// VersionId column; delete markers are left out, and an object written
	// before versioning was turned on has the version id "null".
	Versions bool
	// Suffix keeps keys that end with it.
	Suffix string
	// MinSize and MaxSize keep objects of at least and at most so many
	// bytes; MaxSize < 0 is no maximum.
	MinSize, MaxSize int64
	// ModifiedAfter keeps objects last modified after it; zero keeps all.
	ModifiedAfter time.Time
	// Progress, when set, is called after each page.
	Progress func(Counts)
}

// Counts are how many objects were listed and how many written.
type Counts struct{ Listed, Written int64 }

// Check reports options that cannot be listed.
func (o *Options) Check() error {
	if err := s3rules.CheckBucket(o.Bucket); err != nil {
		return fmt.Errorf("bucket %s: %w", quote.Value(o.Bucket), err)
	}
	if o.Versions && s3rules.IsDirectoryBucket(o.Bucket) {
		return fmt.Errorf("bucket %s: a directory bucket has no versions", quote.Value(o.Bucket))
	}
	if o.MaxSize >= 0 && o.MinSize > o.MaxSize {
		return fmt.Errorf("the minimum size %d is above the maximum %d", o.MinSize, o.MaxSize)
	}
	if len(o.Prefix) > s3rules.MaxKeyBytes {
		return fmt.Errorf("the prefix is %d bytes, more than a key's %d (MaxKeyBytes)", len(o.Prefix), s3rules.MaxKeyBytes)
	}
	return nil
}

// Keep says whether an object passes the filters.
func (o *Options) Keep(key string, size int64, modified time.Time) bool {
	return strings.HasSuffix(key, o.Suffix) && size >= o.MinSize && (o.MaxSize < 0 || size <= o.MaxSize) &&
		(o.ModifiedAfter.IsZero() || modified.After(o.ModifiedAfter))
}

// EncodeKey encodes a key for a manifest: every byte percent-encoded but
// the unreserved characters (A-Z a-z 0-9 - . _ ~) and "/".
func EncodeKey(key string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(key))
	for i := 0; i < len(key); i++ {
		switch c := key[i]; {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// WriteFile writes the manifest to path atomically: to a temporary file
// beside it, synced, then renamed over path. On any error, path is left
// as it was and the temporary file removed.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// Request is one listing: what to list, and where the manifest goes.
type Request struct {
	Options
	// Out is the file the manifest is written to, atomically; "" writes it
	// to standard output, unless the manifest is uploaded.
	Out string
	// UploadBucket and UploadKey, when set, are where the manifest is put.
	UploadBucket, UploadKey string
}

// Flags are a listing's flags as the user gives them: to scaffold manifest
// --list, and to scaffold-s3 list, which scaffold hands the listing to.
type Flags struct {
	List string // s3://bucket[/prefix]
	// ListName is how errors name List: "--list" when "" (scaffold's
	// flag); scaffold-s3 takes it as its argument.
	ListName      string
	ModifiedAfter string // RFC 3339, or ""
	Out           string
	Upload        string // s3://bucket/key, or ""
	Options
}

// Register declares on fs the flags that go with a listing, each help text
// starting with prefix; not the bucket itself, which scaffold takes as
// --list and scaffold-s3 as its argument.
func (f *Flags) Register(fs *flag.FlagSet, prefix string) {
	fs.BoolVar(&f.Versions, "versions", false, prefix+"every version of each object (versioned general purpose buckets), with a VersionId column")
	fs.StringVar(&f.Suffix, "suffix", "", prefix+"keep keys that end with `suffix`")
	fs.Int64Var(&f.MinSize, "min-size", 0, prefix+"keep objects of at least `bytes`")
	fs.Int64Var(&f.MaxSize, "max-size", -1, prefix+"keep objects of at most `bytes` (-1: no maximum)")
	fs.StringVar(&f.ModifiedAfter, "modified-after", "", prefix+"keep objects last modified after `time` (RFC 3339, such as 2024-05-01T00:00:00Z)")
	fs.StringVar(&f.Out, "out", "", prefix+"write the manifest to `file`, atomically, rather than standard output")
	fs.StringVar(&f.Upload, "upload", "", prefix+"put the manifest at `s3://bucket/key` and print its ETag")
}

// Request checks the flags and returns the listing they ask for. Every
// error names its flag, and is the user's to fix.
func (f *Flags) Request() (Request, error) {
	r := Request{Options: f.Options, Out: f.Out}
	listName := cmp.Or(f.ListName, "--list")
	var ok bool
	if r.Bucket, r.Prefix, ok = s3rules.SplitURL(f.List); !ok {
		return r, fmt.Errorf("%s %s: want s3://bucket[/prefix]", listName, quote.Value(f.List))
	}
	if f.ModifiedAfter != "" {
		t, err := time.Parse(time.RFC3339, f.ModifiedAfter)
		if err != nil {
			return r, fmt.Errorf("--modified-after %s: want an RFC 3339 time, such as 2024-05-01T00:00:00Z", quote.Value(f.ModifiedAfter))
		}
		r.ModifiedAfter = t
	}
	if err := r.Check(); err != nil {
		return r, fmt.Errorf("%s %s: %v", listName, quote.Value(f.List), err)
	}
	if f.Upload != "" {
		if r.UploadBucket, r.UploadKey, ok = s3rules.SplitURL(f.Upload); !ok || r.UploadKey == "" {
			return r, fmt.Errorf("--upload %s: want s3://bucket/key", quote.Value(f.Upload))
		}
		// Checked now, not after listing what may be millions of objects.
		if err := s3rules.CheckGeneralPurposeBucket(r.UploadBucket); err != nil {
			return r, fmt.Errorf("--upload %s: bucket %s: %v", quote.Value(f.Upload), quote.Value(r.UploadBucket), err)
		}
		if err := s3rules.CheckKey(r.UploadKey, true); err != nil {
			return r, fmt.Errorf("--upload %s: %v", quote.Value(f.Upload), err)
		}
	}
	return r, nil
}

// Args are the flags of scaffold-s3 list that make r, for scaffold manifest
// --list to hand the listing to scaffold-s3.
func (r *Request) Args() []string {
	args := []string{"list"}
	if r.Versions {
		args = append(args, "--versions")
	}
	if r.Suffix != "" {
		args = append(args, "--suffix", r.Suffix)
	}
	if r.MinSize != 0 {
		args = append(args, "--min-size", fmt.Sprint(r.MinSize))
	}
	if r.MaxSize >= 0 {
		args = append(args, "--max-size", fmt.Sprint(r.MaxSize))
	}
	if !r.ModifiedAfter.IsZero() {
		args = append(args, "--modified-after", r.ModifiedAfter.Format(time.RFC3339Nano))
	}
	if r.Out != "" {
		args = append(args, "--out", r.Out)
	}
	if r.UploadKey != "" {
		args = append(args, "--upload", "s3://"+r.UploadBucket+"/"+r.UploadKey)
	}
	return append(args, "--", "s3://"+r.Bucket+"/"+r.Prefix)
}
