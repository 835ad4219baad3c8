package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/s3batchops/scaffold/internal/buildversion"
)

// TestLinksNoAWSSDK: scaffold, which go generate runs in other people's
// checkouts, links no AWS SDK; scaffold-s3 does the listing.
func TestLinksNoAWSSDK(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "github.com/aws/aws-sdk-go-v2/") {
			t.Errorf("scaffold links %s", pkg)
		}
	}
}

// TestListWithoutHelper: without scaffold-s3 beside scaffold or on PATH,
// --list says how to install it, after checking the flags.
func TestListWithoutHelper(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	var stderr strings.Builder
	e := &env{stdout: &strings.Builder{}, stderr: &stderr}
	if code := e.run([]string{"manifest", "--list", "s3://Not_A_Bucket"}); code != exitUsage {
		t.Errorf("a bad bucket: exit %d, want %d (flags are checked first)", code, exitUsage)
	}
	// A development build says to make install; a release, which go
	// install command.
	for v, how := range map[string]string{"": "make install in the clone", "v1.2.3": "go install github.com/s3batchops/scaffold/cmd/scaffold-s3@v1.2.3"} {
		buildversion.Version = v
		stderr.Reset()
		code := e.run([]string{"manifest", "--list", "s3://my-bucket/photos/"})
		if msg := stderr.String(); code != exitFailure || !strings.Contains(msg, how) {
			t.Errorf("version %q: exit %d, %q: want %d and %q", v, code, msg, exitFailure, how)
		}
	}
	buildversion.Version = ""
}
