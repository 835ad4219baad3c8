// Package s3list lists a bucket into an S3 Batch Operations CSV manifest
// with the AWS SDK for Go v2: ListObjectsV2, or ListObjectVersions for every
// version of a versioned general purpose bucket. It streams: each page of at
// most 1,000 keys is filtered, encoded and written before the next is asked
// for, so memory stays flat on millions of keys. Only the scaffold-s3
// command links it (package listing says why).
package s3list

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3batchops/scaffold/createjob"
	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/internal/s3rules"
	"github.com/s3batchops/scaffold/listing"
)

// Result is what a listing wrote.
type Result struct {
	Counts listing.Counts
	ETag   string // of the uploaded manifest; "" when not uploaded
}

// Run lists r's bucket into a manifest with the standard AWS configuration,
// writes it to r.Out or stdout, and uploads it when asked.
func Run(ctx context.Context, r listing.Request, stdout io.Writer) (Result, error) {
	var res Result
	client, err := NewClient(ctx)
	if err != nil {
		return res, err
	}
	out := r.Out
	if out == "" && r.UploadKey != "" {
		tmp, err := os.MkdirTemp("", "scaffold-manifest-")
		if err != nil {
			return res, err
		}
		defer os.RemoveAll(tmp)
		out = filepath.Join(tmp, "manifest.csv")
	}
	list := func(w io.Writer) (err error) {
		res.Counts, err = Write(ctx, client, w, r.Options)
		return err
	}
	if out == "" {
		err = list(stdout)
	} else {
		err = listing.WriteFile(out, list)
	}
	if err != nil || r.UploadKey == "" {
		return res, err
	}
	res.ETag, err = Upload(ctx, client, out, r.UploadBucket, r.UploadKey)
	return res, err
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

// NewClient returns an S3 client from the standard AWS configuration
// (profiles, region, credentials, AWS_ENDPOINT_URL_S3 and the like). With
// a custom endpoint it addresses buckets by path, as S3-compatible servers
// expect.
func NewClient(ctx context.Context) (*s3.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("the AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return nil, errors.New("the AWS configuration has no region: set AWS_REGION, or a region in the profile AWS_PROFILE names")
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
func Write(ctx context.Context, client *s3.Client, w io.Writer, o listing.Options) (listing.Counts, error) {
	var c listing.Counts
	if err := o.Check(); err != nil {
		return c, err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	line := func(key, version string) error {
		c.Written++
		bw.WriteString(o.Bucket)
		bw.WriteByte(',')
		bw.WriteString(listing.EncodeKey(key))
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
	// object counts one listed object and writes its line if it passes
	// the filters; version is "" without --versions.
	object := func(key *string, size *int64, modified *time.Time, version string) error {
		c.Listed++
		if k := aws.ToString(key); o.Keep(k, aws.ToInt64(size), aws.ToTime(modified)) {
			return line(k, version)
		}
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
				// An object written before versioning has the version "null".
				if err := object(v.Key, v.Size, v.LastModified, cmp.Or(aws.ToString(v.VersionId), "null")); err != nil {
					return c, err
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
				if err := object(obj.Key, obj.Size, obj.LastModified, ""); err != nil {
					return c, err
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
