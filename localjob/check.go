package localjob

import (
	"fmt"

	"github.com/s3batchops/scaffold/internal/s3rules"
)

// refusal returns why S3 would fail task t without invoking the function,
// as the message its report row would carry, or "" when S3 would invoke it.
//
// A key longer than S3's limit of 1,024 bytes once URL-decoded fails its
// task, and the rest of the job runs. The S3 documentation gives the limit
// (seeds/000: "The maximum number of characters for the key field in the
// manifest is 1,024"; the User Guide's "Creating object key names": keys
// are at most 1,024 bytes of UTF-8) but not what a job does with a longer
// key; scaffold run treats it as S3 documents for the other bad value a
// manifest line can hold, an empty version id: that task fails permanently
// and the job goes on (s3batch.md, "Manifests"). The reason is S3's own
// error for such a key, KeyTooLongError, "Your key is too long". A bucket
// name S3 could not have fails the same way, with InvalidBucketName.
func refusal(t Task) string {
	if t.HasVersion && t.VersionID == "" {
		return "the manifest line has an empty version id: write null for an object without one"
	}
	if err := s3rules.CheckBucket(t.Bucket); err != nil {
		return "InvalidBucketName: The specified bucket is not valid. (" + err.Error() + ")"
	}
	if n := decodedLen(t.Key); n > s3rules.MaxKeyBytes {
		return fmt.Sprintf("KeyTooLongError: Your key is too long. (%d bytes once URL-decoded, more than S3's limit of %d bytes, MaxKeyBytes)", n, s3rules.MaxKeyBytes)
	}
	return ""
}

// decodedLen is the length in bytes of key once URL-decoded, as the
// function decodes it: %XX is one byte, and so is anything else, a
// malformed escape included (the function itself fails a key it cannot
// decode).
func decodedLen(key string) int {
	n := 0
	for i := 0; i < len(key); i++ {
		if key[i] == '%' && i+2 < len(key) && isHex(key[i+1]) && isHex(key[i+2]) {
			i += 2
		}
		n++
	}
	return n
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
