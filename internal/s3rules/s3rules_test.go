package s3rules

// These tests protect the S3 and CreateJob rules scaffold enforces: each
// case is a value AWS accepts or refuses.

import (
	"strings"
	"testing"
)

func TestCheckBucket(t *testing.T) {
	for _, ok := range []string{"abc", "my-bucket", "my.bucket.1", "a1b", strings.Repeat("a", 63),
		"mybucket--usw2-az1--x-s3", "my-bucket--use1-az4--x-s3", "b1--usw2-lax1-az1--x-s3"} {
		if err := CheckBucket(ok); err != nil {
			t.Errorf("CheckBucket(%q) = %v, want nil", ok, err)
		}
	}
	for _, tc := range []struct{ name, want string }{
		{"ab", "3 to 63 characters"},
		{strings.Repeat("a", 5000), "not 5000"},
		{"my bucket", "only lowercase"},
		{"My-Bucket", "only lowercase"},
		{"bucket\n", "only lowercase"},
		{"\ufeffbucket", "only lowercase"},
		{"-bucket", "begins and ends"},
		{"bucket.", "begins and ends"},
		{"my..bucket", "two adjacent dots"},
		{"192.168.5.4", "IP address"},
		{"xn--bucket", "reserved"},
		{"sthree-bucket", "reserved"},
		{"amzn-s3-demo-bucket", "reserved for examples"},
		{"bucket-s3alias", "reserved"},
		{"bucket--ol-s3", "reserved"},
		{"bucket.mrap", "reserved"},
		{"bucket--table-s3", "reserved"},
		{"my.bucket--usw2-az1--x-s3", "directory bucket"},
		{"mybucket--x-s3", "directory bucket"},
		{"mybucket--usw2--x-s3", "directory bucket"},
	} {
		if err := CheckBucket(tc.name); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckBucket(%.20q) = %v, want %q", tc.name, err, tc.want)
		}
	}
	if err := CheckGeneralPurposeBucket("mybucket--usw2-az1--x-s3"); err == nil {
		t.Error("a directory bucket passed as a general purpose bucket")
	}
}

func TestCheckKey(t *testing.T) {
	if err := CheckKey(strings.Repeat("é", MaxKeyBytes/2), true); err != nil {
		t.Errorf("a 1,024-byte key: %v", err)
	}
	for _, tc := range []struct {
		key    string
		strict bool
		want   string
	}{
		{"", false, "at least 1 byte"},
		{strings.Repeat("é", MaxKeyBytes/2+1), false, "MaxKeyBytes"},
		{"a\xffb", false, "not valid UTF-8"},
		{"a\nb", true, "control characters"},
	} {
		if err := CheckKey(tc.key, tc.strict); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckKey(%.20q) = %v, want %q", tc.key, err, tc.want)
		}
	}
	if err := CheckKey("a\nb", false); err != nil {
		t.Errorf("S3 takes a newline in a key: %v", err)
	}
}

func TestCheckText(t *testing.T) {
	token := strings.Repeat("é", MaxClientRequestToken) // 128 bytes, 64 characters
	if err := CheckText(token, 1, MaxClientRequestToken, "MaxClientRequestToken"); err != nil {
		t.Errorf("64 characters: %v", err)
	}
	for _, s := range []string{"", token + "x", "a\x1bb", "a\u202eb", "\xff"} {
		if err := CheckText(s, 1, MaxClientRequestToken, "MaxClientRequestToken"); err == nil {
			t.Errorf("CheckText(%q) accepted", s)
		}
	}
}
