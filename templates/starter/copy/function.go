package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3batchops/scaffold/templates/runtime/batch"
	"github.com/s3batchops/scaffold/templates/starter/internal/args"
)

// This file is yours: scaffold wrote it once and never changes it. It is the
// AWS Storage Blog's copy function: each object of the job is copied to
// MyDestinationBucket, its key between MyDestinationPrefix and
// MyDestinationObjectKeySuffix. Buckets may be general purpose or directory
// buckets (S3 Express One Zone): the SDK opens directory-bucket sessions
// itself, with the s3express:CreateSession permission template.yaml grants.

const (
	// MaxCopyObjectSize is the largest object one CopyObject copies (5 GiB);
	// larger ones are copied in parts.
	MaxCopyObjectSize = 5 << 30
	// PartSize is the size of each part of a multipart copy, grown when an
	// object would need more than MaxParts parts.
	PartSize = 512 << 20
	// MaxParts is S3's limit on the parts of one multipart upload.
	MaxParts = 10000
	// PartConcurrency is how many parts are copied at once.
	PartConcurrency = 8
)

// Function holds the S3 client, made once per execution environment, and
// the sizes that choose between CopyObject and a multipart copy (the test
// lowers them).
type Function struct {
	s3 *s3.Client
	// multipartAbove is the size above which an object is copied in parts;
	// partSize is the size of each part.
	multipartAbove, partSize int64
}

// NewFunction makes the S3 client, with the credentials of the function's role.
func NewFunction(ctx context.Context) (*Function, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	return newFunction(s3.NewFromConfig(cfg)), nil
}

func newFunction(client *s3.Client) *Function {
	return &Function{s3: client, multipartAbove: MaxCopyObjectSize, partSize: PartSize}
}

// Process copies one object, in the version the manifest names if any, with
// its content type and user metadata. Objects up to 5 GiB are copied with
// one CopyObject, larger ones with a multipart copy (UploadPartCopy, parts in
// parallel), which S3 Batch Operations jobs routinely meet. The SDK's errors
// are classified for S3: SlowDown and 5xx are retried, NoSuchKey and
// AccessDenied are not. The handler logs every task that fails, with its
// reason; to log more, batch.Logger(ctx).InfoContext(ctx, …) carries the
// task's jobId, taskId, bucket, key and versionId, and the requestId.
func (f *Function) Process(ctx context.Context, task batch.Task, a args.Args) (string, error) {
	key := a.MyDestinationPrefix + task.Key + a.MyDestinationObjectKeySuffix
	// The source is read in the function's Region, where S3 Batch Operations
	// runs the job; the copy is sent to the destination's, as the blog does.
	head, err := f.s3.HeadObject(ctx, &s3.HeadObjectInput{
		Bucket:    aws.String(task.Bucket),
		Key:       aws.String(task.Key),
		VersionId: version(task.VersionID),
	})
	if err != nil {
		return "", err
	}
	region := func(o *s3.Options) {
		if a.MyDestinationBucketRegion != "" {
			o.Region = a.MyDestinationBucketRegion
		}
	}
	source := copySource(task.Bucket, task.Key, task.VersionID)
	size := aws.ToInt64(head.ContentLength)
	if size <= f.multipartAbove {
		_, err := f.s3.CopyObject(ctx, &s3.CopyObjectInput{
			Bucket:     aws.String(a.MyDestinationBucket),
			Key:        aws.String(key),
			CopySource: aws.String(source),
		}, region)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("copied to s3://%s/%s", a.MyDestinationBucket, key), nil
	}
	parts, err := f.copyParts(ctx, head, source, a.MyDestinationBucket, key, size, region)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("copied to s3://%s/%s in %d parts", a.MyDestinationBucket, key, parts), nil
}

// copyParts copies an object of size bytes in parts: CreateMultipartUpload
// with the source's content headers and metadata (what CopyObject keeps; the
// object's tags are not copied), UploadPartCopy for each part, at most
// PartConcurrency at once, then CompleteMultipartUpload. On any failure the
// upload is aborted, so that no parts are left to be billed.
func (f *Function) copyParts(ctx context.Context, head *s3.HeadObjectOutput, source, bucket, key string, size int64, region func(*s3.Options)) (int, error) {
	created, err := f.s3.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{
		Bucket:             aws.String(bucket),
		Key:                aws.String(key),
		ContentType:        head.ContentType,
		ContentEncoding:    head.ContentEncoding,
		ContentDisposition: head.ContentDisposition,
		ContentLanguage:    head.ContentLanguage,
		CacheControl:       head.CacheControl,
		Metadata:           head.Metadata,
	}, region)
	if err != nil {
		return 0, err
	}
	parts, err := f.uploadParts(ctx, created.UploadId, source, bucket, key, size, region)
	if err == nil {
		_, err = f.s3.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{
			Bucket:          aws.String(bucket),
			Key:             aws.String(key),
			UploadId:        created.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: parts},
		}, region)
	}
	if err != nil {
		// The invocation's context may be what ended: abort on one of its own.
		abortCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		_, abortErr := f.s3.AbortMultipartUpload(abortCtx, &s3.AbortMultipartUploadInput{
			Bucket:   aws.String(bucket),
			Key:      aws.String(key),
			UploadId: created.UploadId,
		}, region)
		if abortErr != nil {
			err = errors.Join(err, fmt.Errorf("abort multipart upload %s: %w", aws.ToString(created.UploadId), abortErr))
		}
		return 0, err
	}
	return len(parts), nil
}

// uploadParts copies the parts of a multipart copy and returns them in order.
// The first error stops the parts not yet started and is returned.
func (f *Function) uploadParts(ctx context.Context, uploadID *string, source, bucket, key string, size int64, region func(*s3.Options)) ([]types.CompletedPart, error) {
	partSize := max(f.partSize, (size+MaxParts-1)/MaxParts)
	n := int((size + partSize - 1) / partSize)
	parts := make([]types.CompletedPart, n)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	slots := make(chan struct{}, PartConcurrency)
	for i := range n {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-slots }()
			first := int64(i) * partSize
			last := min(first+partSize, size) - 1
			number := aws.Int32(int32(i + 1))
			out, err := f.s3.UploadPartCopy(ctx, &s3.UploadPartCopyInput{
				Bucket:          aws.String(bucket),
				Key:             aws.String(key),
				UploadId:        uploadID,
				PartNumber:      number,
				CopySource:      aws.String(source),
				CopySourceRange: aws.String(fmt.Sprintf("bytes=%d-%d", first, last)),
			}, region)
			if err == nil && out.CopyPartResult == nil {
				err = errors.New("no CopyPartResult in the answer")
			}
			if err != nil {
				cancel(fmt.Errorf("part %d: %w", i+1, err))
				return
			}
			parts[i] = types.CompletedPart{PartNumber: number, ETag: out.CopyPartResult.ETag}
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return parts, nil
}

// version is a VersionId parameter: nil for none.
func version(id string) *string {
	if id == "" {
		return nil
	}
	return aws.String(id)
}

// copySource is CopyObject's CopySource, bucket/key[?versionId=V], with the key
// percent-encoded but for unreserved characters and "/", as S3 requires: a "+"
// is %2B and a space %20. (url.PathEscape leaves "+" alone and url.QueryEscape
// writes a space as "+": either copies a wrong key.)
func copySource(bucket, key, versionID string) string {
	var b strings.Builder
	b.WriteString(bucket + "/")
	for i := 0; i < len(key); i++ {
		switch c := key[i]; {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	if versionID != "" {
		b.WriteString("?versionId=" + url.QueryEscape(versionID))
	}
	return b.String()
}
