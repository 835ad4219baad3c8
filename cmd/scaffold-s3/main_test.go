package main

import (
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/s3batchops/scaffold/internal/buildversion"
	"github.com/s3batchops/scaffold/listing"
)

// TestArgsRoundTrip: what scaffold manifest --list hands over (Request.Args)
// is read back as the same request.
func TestArgsRoundTrip(t *testing.T) {
	after := time.Date(2024, 5, 1, 12, 30, 0, 500, time.FixedZone("", 2*3600))
	for _, tc := range []struct {
		list, after, upload, out string
		o                        listing.Options
	}{
		{list: "s3://src", o: listing.Options{MaxSize: -1}},
		{list: "s3://src/photos/2024/", after: after.Format(time.RFC3339Nano), upload: "s3://manifests/jobs/m.csv",
			o: listing.Options{Versions: true, Suffix: ".jpg", MinSize: 1, MaxSize: 1 << 30}},
		{list: "s3://my-photos--usw2-az1--x-s3/a b/-x", out: "-m.csv", o: listing.Options{Suffix: "--", MaxSize: 0}},
	} {
		f := listing.Flags{List: tc.list, ModifiedAfter: tc.after, Upload: tc.upload, Out: tc.out, Options: tc.o}
		want, err := f.Request()
		if err != nil {
			t.Fatal(err)
		}
		args := want.Args()
		if args[0] != "list" {
			t.Fatalf("Args() = %q: want list first", args)
		}
		got, code := parseList(args[1:], io.Discard)
		if code >= 0 {
			t.Fatalf("%q: exit %d", args, code)
		}
		if !got.ModifiedAfter.Equal(want.ModifiedAfter) {
			t.Errorf("%q: modified after %v, want %v", args, got.ModifiedAfter, want.ModifiedAfter)
		}
		got.ModifiedAfter, want.ModifiedAfter = time.Time{}, time.Time{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q read back as\n%+v\nwant\n%+v", args, got, want)
		}
	}
}

func TestUsage(t *testing.T) {
	var stderr strings.Builder
	if code := run([]string{"list", "s3://Not_A_Bucket"}, io.Discard, &stderr); code != 2 || !strings.Contains(stderr.String(), `s3://BUCKET[/PREFIX] "s3://Not_A_Bucket"`) || strings.Contains(stderr.String(), "--list") {
		t.Errorf("exit %d, %q: want 2 and the argument named, not scaffold's --list", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"list", "s3://b", "--suffix", ".jpg"}, io.Discard, &stderr); code != 2 || !strings.Contains(stderr.String(), "--suffix: flags go before s3://BUCKET") {
		t.Errorf("a flag after the bucket: exit %d, %q: want 2 and where flags go", code, stderr.String())
	}
	if code := run(nil, io.Discard, io.Discard); code != 2 {
		t.Errorf("no arguments: exit %d, want 2", code)
	}
	// Run by a scaffold of another release, it says so.
	t.Setenv("SCAFFOLD_VERSION", "v9.9.9")
	stderr.Reset()
	run([]string{"list", "s3://Not_A_Bucket"}, io.Discard, &stderr)
	if !strings.Contains(stderr.String(), "scaffold v9.9.9") {
		t.Errorf("stderr %q: want a warning naming scaffold's version", stderr.String())
	}
	// Both built with a release's link-time version: no warning.
	buildversion.Version = "v9.9.9"
	defer func() { buildversion.Version = "" }()
	stderr.Reset()
	run([]string{"list", "s3://Not_A_Bucket"}, io.Discard, &stderr)
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("stderr %q: a warning between binaries of one release", stderr.String())
	}
}
