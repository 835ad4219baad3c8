// Package s3rules holds the limits and naming rules that Amazon S3, the S3
// Control API (CreateJob) and Lambda apply to the values scaffold's
// manifest, job and run commands take, so that scaffold refuses locally
// what AWS would refuse later. Each limit is a named constant; the errors
// name it, so that a message can be found in the code and the README.
//
// Sources: the S3 User Guide's "General purpose bucket naming rules" and
// "Directory bucket naming rules"; "Creating object key names" (keys are at
// most 1,024 bytes of UTF-8); the S3 Control API model (botocore
// s3control/2018-08-20/service-2.json: JobPriority 0..2147483647,
// ClientRequestToken NonEmptyMaxLength64String, ETag
// NonEmptyMaxLength1024String, ObjectArn S3KeyArnString 1..2000,
// ReportPrefixString 1..512, Description NonEmptyMaxLength256String); the
// Lambda quotas (6 MB synchronous request payload). Smithy lengths count
// characters, not bytes.
package s3rules

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// S3 and Lambda limits.
const (
	// MaxKeyBytes is S3's limit on an object key: 1,024 bytes of UTF-8.
	MaxKeyBytes = 1024
	// MinBucketName and MaxBucketName bound a bucket name's length, for
	// general purpose and directory buckets alike.
	MinBucketName = 3
	MaxBucketName = 63
	// MaxEventBytes is Lambda's limit on a synchronous invocation's
	// request payload (6 MB): a larger event is refused by Invoke with
	// RequestEntityTooLargeException.
	MaxEventBytes = 6 << 20
)

// CreateJob limits (S3 Control API).
const (
	MinPriority           = 0
	MaxPriority           = 2147483647
	MaxClientRequestToken = 64   // characters
	MaxETag               = 1024 // characters
	MaxObjectARN          = 2000 // characters
	MaxReportPrefix       = 512  // characters
	MaxDescription        = 256  // characters
	MaxFunctionARN        = 1024 // characters
	MaxRoleARN            = 2048 // characters
)

// generalBucket is a general purpose bucket name's characters: lowercase
// letters, digits, dots and hyphens, beginning and ending with a letter or
// digit.
var generalBucket = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*[a-z0-9]$`) })

// directoryBucket is base-name--zone-id--x-s3: the base name of lowercase
// letters, digits and hyphens (no dots), the zone an Availability Zone or
// Local Zone ID such as usw2-az1 or usw2-lax1-az1.
var directoryBucket = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?--[a-z0-9]+(?:-[a-z0-9]+)*-az[0-9]+--x-s3$`)
})

// reserved prefixes and suffixes of general purpose bucket names.
var (
	reservedPrefixes = []string{"xn--", "sthree-", "amzn-s3-demo-"}
	reservedSuffixes = []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"}
)

// IsDirectoryBucket reports whether name has the form of a directory
// bucket's name (…--x-s3); CheckBucket says whether it is a valid one.
func IsDirectoryBucket(name string) bool { return strings.HasSuffix(name, "--x-s3") }

// CheckBucket checks name against S3's naming rules for general purpose
// buckets, or for directory buckets when it ends in --x-s3. The error says
// which rule failed, not the name: the caller shows the name, quoted.
func CheckBucket(name string) error {
	if n := utf8.RuneCountInString(name); n < MinBucketName || n > MaxBucketName {
		return fmt.Errorf("a bucket name is %d to %d characters (MinBucketName, MaxBucketName), not %d", MinBucketName, MaxBucketName, n)
	}
	if IsDirectoryBucket(name) {
		if !directoryBucket().MatchString(name) {
			return fmt.Errorf("a directory bucket's name is base-name--zone-id--x-s3, such as mybucket--usw2-az1--x-s3: lowercase letters, digits and hyphens, beginning and ending with a letter or digit")
		}
		return nil
	}
	if !generalBucket().MatchString(name) {
		return fmt.Errorf("a bucket name has only lowercase letters, digits, dots and hyphens, and begins and ends with a letter or digit")
	}
	if strings.Contains(name, "..") {
		return fmt.Errorf("a bucket name has no two adjacent dots")
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return fmt.Errorf("a bucket name is not formatted as an IP address")
	}
	for _, p := range reservedPrefixes {
		if strings.HasPrefix(name, p) {
			if p == "amzn-s3-demo-" {
				return fmt.Errorf("names beginning amzn-s3-demo- are reserved for examples in documentation: use your bucket's name")
			}
			return fmt.Errorf("names beginning %s are reserved by S3", p)
		}
	}
	for _, s := range reservedSuffixes {
		if strings.HasSuffix(name, s) {
			return fmt.Errorf("names ending %s are reserved by S3", s)
		}
	}
	return nil
}

// CheckGeneralPurposeBucket checks name as CheckBucket does, and refuses a
// directory bucket: what must be a general purpose bucket (a job's manifest
// and report) says so.
func CheckGeneralPurposeBucket(name string) error {
	if err := CheckBucket(name); err != nil {
		return err
	}
	if IsDirectoryBucket(name) {
		return fmt.Errorf("this must be a general purpose bucket, not a directory bucket")
	}
	return nil
}

// CheckKey checks an object key as S3 stores it (decoded): 1 to
// MaxKeyBytes bytes of valid UTF-8. With strict, control characters are
// refused too: S3 accepts them in keys, but they break XML requests and
// terminals, and no key scaffold writes needs one.
func CheckKey(key string, strict bool) error {
	switch {
	case key == "":
		return fmt.Errorf("an object key is at least 1 byte")
	case len(key) > MaxKeyBytes:
		return fmt.Errorf("an object key is at most %d bytes of UTF-8 (MaxKeyBytes), not %d", MaxKeyBytes, len(key))
	case !utf8.ValidString(key):
		return fmt.Errorf("an object key is UTF-8, and this one is not valid UTF-8")
	case strict && HasControl(key):
		return fmt.Errorf("the key has control characters")
	}
	return nil
}

// CheckText checks a CreateJob string member: valid UTF-8, no control
// characters, at least min and at most max characters (constName names max
// in the error).
func CheckText(s string, min, max int, constName string) error {
	n := utf8.RuneCountInString(s)
	switch {
	case !utf8.ValidString(s):
		return fmt.Errorf("not valid UTF-8")
	case HasControl(s):
		return fmt.Errorf("control characters are not allowed")
	case n < min:
		return fmt.Errorf("at least %d characters", min)
	case n > max:
		return fmt.Errorf("%d characters, more than the limit of %d (%s)", n, max, constName)
	}
	return nil
}

// HasControl reports whether s has a control character (C0, DEL or C1) or
// a Unicode format character such as a bidi override.
func HasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return true
		}
	}
	return false
}

// SplitURL splits s3://bucket/rest; ok is false unless u has that form
// with a bucket.
func SplitURL(u string) (bucket, rest string, ok bool) {
	s, ok := strings.CutPrefix(u, "s3://")
	if !ok {
		return "", "", false
	}
	bucket, rest, _ = strings.Cut(s, "/")
	return bucket, rest, bucket != ""
}
