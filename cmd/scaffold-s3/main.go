// Scaffold-s3 is the part of scaffold that talks to S3: it lists a bucket
// into an S3 Batch Operations CSV manifest, and uploads it. scaffold
// manifest --list runs it, found beside the scaffold executable or on PATH;
// it can also be run by itself, with the same flags:
//
//	scaffold-s3 list [flags] s3://BUCKET[/PREFIX]
//
// It is a command of its own so that scaffold, which go generate runs in
// other people's checkouts, links no AWS SDK and reads no AWS credentials,
// and starts in half the time.
//
// It takes the standard AWS configuration (AWS_PROFILE, AWS_REGION,
// credentials, AWS_ENDPOINT_URL_S3, with which buckets are addressed by
// path). Messages go to standard error, prefixed "scaffold:". The exit
// status is 0 on success, 1 when the listing failed, 2 for a usage error,
// 3 when it was interrupted (as scaffold's own commands).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"golang.org/x/term"

	"github.com/s3batchops/scaffold/internal/buildversion"
	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/listing"
	"github.com/s3batchops/scaffold/listing/s3list"
)

const usage = `Usage: scaffold-s3 list [flags] s3://BUCKET[/PREFIX]

List writes the objects of BUCKET under PREFIX as an S3 Batch Operations
CSV manifest (bucket,key or bucket,key,versionId; keys URL-encoded), to
standard output, --out or --upload. scaffold manifest --list runs it: see
'scaffold help manifest'.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "version" || args[0] == "--version" || args[0] == "-v") {
		fmt.Fprintf(stdout, "scaffold-s3 %s\n", version())
		return 0
	}
	if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(stdout, usage, "\nRun 'scaffold-s3 list --help' for its flags.\n")
		return 0
	}
	if len(args) == 0 || args[0] != "list" {
		fmt.Fprint(stderr, usage, "\nRun 'scaffold-s3 list --help' for its flags.\n")
		return 2
	}
	if v := os.Getenv("SCAFFOLD_VERSION"); v != "" && v != version() {
		fmt.Fprintf(stderr, "scaffold: warning: scaffold-s3 %s is run by scaffold %s: install both from the same release or clone\n", version(), v)
	}
	r, code := parseList(args[1:], stderr)
	if code >= 0 {
		return code
	}
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		r.Progress = func(c listing.Counts) {
			fmt.Fprintf(stderr, "\rscaffold: listed %d objects, kept %d", c.Listed, c.Written)
		}
		defer fmt.Fprintln(stderr)
	}
	// Interrupted or terminated (also by scaffold, which passes these on),
	// the listing stops and --out is left as it was.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := s3list.Run(ctx, r, stdout)
	if err != nil && ctx.Err() != nil {
		fmt.Fprintln(stderr, "scaffold: cancelled: the listing stopped, and --out is left as it was")
		return 3 // as scaffold's own commands when cancelled
	}
	if err != nil {
		fmt.Fprintf(stderr, "scaffold: %s\n", quote.Message(err.Error()))
		return 1
	}
	where := quote.Value("s3://" + r.Bucket + "/" + r.Prefix)
	if res.Counts.Written == 0 {
		fmt.Fprintf(stderr, "scaffold: no object of %s passed the filters: the manifest is empty, and S3 refuses a job without tasks\n", where)
	}
	if res.ETag != "" {
		fmt.Fprintf(stdout, "%s\n", res.ETag)
		fmt.Fprintf(stderr, "scaffold: %d objects in s3://%s/%s; give scaffold job --manifest s3://%s/%s --manifest-etag %s\n", res.Counts.Written, r.UploadBucket, r.UploadKey, r.UploadBucket, r.UploadKey, res.ETag)
	}
	return 0
}

// parseList reads list's flags and argument into a request. A code of 0
// or more is the exit status to end with: the request was not made.
func parseList(args []string, stderr io.Writer) (listing.Request, int) {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage, "\nFlags:\n"); fs.PrintDefaults() }
	var f listing.Flags
	f.Register(fs, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return listing.Request{}, 0
		}
		return listing.Request{}, 2
	}
	if fs.NArg() != 1 {
		hint := ""
		for _, a := range fs.Args()[min(1, fs.NArg()):] {
			if strings.HasPrefix(a, "-") {
				hint = fmt.Sprintf(" (%s: flags go before s3://BUCKET)", quote.Bare(a))
				break
			}
		}
		fmt.Fprintf(stderr, "scaffold-s3 list: want one s3://BUCKET[/PREFIX], got %d arguments%s. Run 'scaffold-s3 list --help'\n", fs.NArg(), hint)
		return listing.Request{}, 2
	}
	f.List, f.ListName = fs.Arg(0), "s3://BUCKET[/PREFIX]"
	r, err := f.Request()
	if err != nil {
		fmt.Fprintf(stderr, "scaffold-s3 list: %s\n", quote.Message(err.Error()))
		return listing.Request{}, 2
	}
	return r, -1
}

// version is the release this binary was built from: the same answer as
// scaffold's, so that a release build does not warn about itself.
func version() string { return buildversion.String() }
