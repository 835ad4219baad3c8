package golden

// TestListRoundTrip protects the blog's scenario end to end: a bucket listed
// into a manifest by scaffold manifest --list, run by scaffold run through
// the copy starter, copies every object to the same key, however the key
// must be encoded (spaces, "+", "%", commas, non-ASCII).

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestListRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a project; skipped with -short")
	}
	// Directory-bucket names, as in the blog; gofakes3 serves them by path.
	const src, dst = "src--usw2-az1--x-s3", "dst--usw2-az1--x-s3"
	keys := []string{"photos/cat 1.jpg", "a+b=c.txt", "100%.txt", "café/写真.jpg", "comma,key.txt", "plus+space x+.txt"}
	objects := map[string]string{}
	for _, key := range keys {
		objects[key] = "body of " + key
	}
	backend, env := fakeS3(t, map[string]map[string]string{src: objects, dst: {}})
	// gofakes3 has no CreateSession: sign with the credentials, as for a general purpose bucket.
	env = append(env, "AWS_S3_DISABLE_EXPRESS_SESSION_AUTH=true")
	work := t.TempDir()
	manifest := filepath.Join(work, "manifest.csv")
	list := exec.Command(scaffoldBin, "manifest", "--list", "s3://"+src, "--out", manifest)
	list.Env = append(os.Environ(), env...)
	if out, err := list.CombinedOutput(); err != nil {
		t.Fatalf("scaffold manifest --list: %v\n%s", err, out)
	}
	// scaffold-s3's failure is scaffold's: its message and exit status 1,
	// and no manifest written.
	missing := exec.Command(scaffoldBin, "manifest", "--list", "s3://no-such-bucket", "--out", filepath.Join(work, "missing.csv"))
	missing.Env = list.Env
	msg, err := missing.CombinedOutput()
	if code := missing.ProcessState.ExitCode(); err == nil || code != 1 || !strings.Contains(string(msg), "scaffold: list") || !strings.Contains(string(msg), "NoSuchBucket") {
		t.Errorf("listing a missing bucket: exit %d, %s\nwant 1 and the S3 error", code, msg)
	}
	if _, err := os.Stat(filepath.Join(work, "missing.csv")); err == nil {
		t.Error("a failed listing wrote its manifest")
	}

	dir := filepath.Join(work, "copier")
	writeProject(t, "copy-starter.txtar", dir)
	gowork := writeWorkspace(t, dir)
	args := []string{"run", dir, "--manifest", manifest, "--report", filepath.Join(work, "report"), "--args", "MyDestinationBucket=" + dst}
	for _, kv := range env {
		args = append(args, "--env", kv)
	}
	run := exec.Command(scaffoldBin, args...)
	run.Env = append(os.Environ(), "GOWORK="+gowork, "GOFLAGS=-mod=readonly")
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("scaffold run: %v\n%s", err, out)
	}
	for _, key := range keys {
		obj, err := backend.GetObject(dst, key, nil)
		if err != nil {
			t.Errorf("%q was not copied to the same key: %v\n%s", key, err, out)
			continue
		}
		got, _ := io.ReadAll(obj.Contents)
		if string(got) != "body of "+key {
			t.Errorf("%q holds %q", key, got)
		}
	}
}
