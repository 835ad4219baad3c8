// Package listing writes an S3 Batch Operations CSV manifest by listing a
// bucket with the AWS SDK for Go v2: ListObjectsV2, or ListObjectVersions
// for every version of a versioned general purpose bucket. It streams: each
// page of at most 1,000 keys is filtered, encoded and written before the
// next is asked for, so memory stays flat on millions of keys.
//
// Keys are written as S3 Batch Operations reads a manifest's key field:
// URL-encoded, every byte but the unreserved characters and "/"
// percent-encoded (a space is %20, "+" is %2B, "é" is %C3%A9, "," %2C),
// which url.QueryUnescape, Python's unquote and unquote_plus, and S3 all
// decode to the same key.
package listing

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3batchops/scaffold/createjob"
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

// versionsToken is what continues a listing of versions: the key and
// version markers, "" when there are none.
func versionsToken(out *s3.ListObjectVersionsOutput) string {
	k, v := aws.ToString(out.NextKeyMarker), aws.ToString(out.NextVersionIdMarker)
	if k == "" && v == "" {
		return ""
	}
	return k + "\x00" + v
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

// keep says whether an object passes the filters.
func (o *Options) keep(key string, size int64, modified time.Time) bool {
	return strings.HasSuffix(key, o.Suffix) && size >= o.MinSize && (o.MaxSize < 0 || size <= o.MaxSize) &&
		(o.ModifiedAfter.IsZero() || modified.After(o.ModifiedAfter))
}

// NewClient returns an S3 client from the standard AWS configuration
// (profiles, region, credentials, AWS_ENDPOINT_URL_S3 and the like). With
// a custom endpoint it addresses buckets by path, as S3-compatible servers
// expect.
func NewClient(ctx context.Context) (*s3.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("the AWS configuration: %w", err)
	}
	return s3.NewFromConfig(cfg, func(o *s3.Options) {
		if o.BaseEndpoint != nil {
			o.UsePathStyle = true
		}
	}), nil
}

// Write lists the bucket and writes a line to w for each object kept:
// bucket,key or bucket,key,versionId. It returns the counts so far, also
// on error.
func Write(ctx context.Context, client *s3.Client, w io.Writer, o Options) (Counts, error) {
	var c Counts
	if err := o.Check(); err != nil {
		return c, err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	line := func(key, version string) error {
		c.Written++
		bw.WriteString(o.Bucket)
		bw.WriteByte(',')
		bw.WriteString(EncodeKey(key))
		if o.Versions {
			bw.WriteByte(',')
			bw.WriteString(version)
		}
		return bw.WriteByte('\n')
	}
	page := func() {
		if o.Progress != nil {
			o.Progress(c)
		}
	}
	where := quote.Value("s3://" + o.Bucket + "/" + o.Prefix)
	// An S3-compatible server that repeats its continuation token would
	// have the paginator list the same page forever, and one that says it
	// has more without a token would end the manifest early: both are
	// errors, not a manifest.
	var last string
	stalled := func(truncated bool, token string) error {
		if !truncated {
			return nil
		}
		if token == "" || token == last {
			return fmt.Errorf("list %s: the server said there are more objects but gave no new continuation token (%s): the manifest would be incomplete", where, quote.Value(token))
		}
		last = token
		return nil
	}
	var prefix *string
	if o.Prefix != "" {
		prefix = aws.String(o.Prefix)
	}
	if o.Versions {
		p := s3.NewListObjectVersionsPaginator(client, &s3.ListObjectVersionsInput{Bucket: aws.String(o.Bucket), Prefix: prefix})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				return c, fmt.Errorf("list versions of %s: %w", where, err)
			}
			for _, v := range out.Versions {
				c.Listed++
				if key := aws.ToString(v.Key); o.keep(key, aws.ToInt64(v.Size), aws.ToTime(v.LastModified)) {
					version := aws.ToString(v.VersionId)
					if version == "" {
						version = "null"
					}
					if err := line(key, version); err != nil {
						return c, err
					}
				}
			}
			page()
			if err := stalled(aws.ToBool(out.IsTruncated), versionsToken(out)); err != nil {
				return c, err
			}
		}
	} else {
		p := s3.NewListObjectsV2Paginator(client, &s3.ListObjectsV2Input{Bucket: aws.String(o.Bucket), Prefix: prefix})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				return c, fmt.Errorf("list %s: %w", where, err)
			}
			for _, obj := range out.Contents {
				c.Listed++
				if key := aws.ToString(obj.Key); o.keep(key, aws.ToInt64(obj.Size), aws.ToTime(obj.LastModified)) {
					if err := line(key, ""); err != nil {
						return c, err
					}
				}
			}
			page()
			if err := stalled(aws.ToBool(out.IsTruncated), aws.ToString(out.NextContinuationToken)); err != nil {
				return c, err
			}
		}
	}
	return c, bw.Flush()
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

// Upload puts the manifest file at s3://bucket/key and returns its ETag as
// CreateJob takes it (without quotes). The bucket must be a general
// purpose bucket: S3 Batch Operations reads manifests from those only.
func Upload(ctx context.Context, client *s3.Client, file, bucket, key string) (string, error) {
	if err := s3rules.CheckGeneralPurposeBucket(bucket); err != nil {
		return "", fmt.Errorf("bucket %q: %w", bucket, err)
	}
	if err := s3rules.CheckKey(key, true); err != nil {
		return "", err
	}
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	out, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: f, ContentType: aws.String("text/csv")})
	if err != nil {
		return "", fmt.Errorf("upload s3://%s/%s: %w", bucket, key, err)
	}
	etag := createjob.NormalizeETag(aws.ToString(out.ETag))
	if etag == "" {
		return "", errors.New("the upload returned no ETag")
	}
	return etag, nil
}
