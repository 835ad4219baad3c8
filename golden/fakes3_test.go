package golden

import (
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// fakeS3 starts an S3 server on 127.0.0.1 (gofakes3) for the test, with
// the buckets of objects (bucket -> key -> body), and returns it and the
// settings that point the AWS SDK at it, as KEY=VALUE.
func fakeS3(t *testing.T, objects map[string]map[string]string) (*s3mem.Backend, []string) {
	t.Helper()
	backend := s3mem.New()
	s3 := httptest.NewServer(gofakes3.New(backend).Server())
	t.Cleanup(s3.Close)
	for bucket, keys := range objects {
		if err := backend.CreateBucket(bucket); err != nil {
			t.Fatal(err)
		}
		for key, body := range keys {
			if _, err := backend.PutObject(bucket, key, map[string]string{}, strings.NewReader(body), int64(len(body)), nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Nothing of the developer's own AWS setup may reach the SDK: no
	// profile, no config or credentials file, no instance metadata.
	none := filepath.Join(t.TempDir(), "none")
	return backend, []string{"AWS_ENDPOINT_URL_S3=" + s3.URL, "AWS_REGION=us-east-1",
		"AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=SECRET",
		"AWS_PROFILE=", "AWS_CONFIG_FILE=" + none, "AWS_SHARED_CREDENTIALS_FILE=" + none, "AWS_EC2_METADATA_DISABLED=true",
		"AWS_REQUEST_CHECKSUM_CALCULATION=when_required", "AWS_RESPONSE_CHECKSUM_VALIDATION=when_required"}
}
