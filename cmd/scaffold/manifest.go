package main

import (
	"fmt"
	"io"
	"os"

	"github.com/s3batchops/scaffold/app"
	"github.com/s3batchops/scaffold/internal/quote"
)

const manifestAbout = `Manifest turns task parameters, one JSON object a line, into an S3 Batch
Operations CSV manifest: bucket,<URL-encoded JSON>. Each object is checked
against the task schema of the project in DIR (default: the current
directory), and each encoded key against S3's limit of 1,024 characters.
With --keys, it turns plain object keys, one a line, into a manifest,
bucket,<URL-encoded key>, each key checked as S3 checks keys.
When any line is wrong, the wrong lines are listed, with their numbers,
and nothing is written.

With --list s3://BUCKET[/PREFIX], it lists the bucket instead (no project
needed): every object, or with --versions every version, filtered by
--suffix, --min-size, --max-size and --modified-after, its key URL-encoded
as S3 Batch Operations reads it. The standard AWS configuration applies
(AWS_PROFILE, AWS_REGION, credentials, AWS_ENDPOINT_URL_S3, with which
buckets are addressed by path). --out writes the file atomically, nothing
on error; --upload puts it in S3 and prints its ETag for scaffold job.
--list runs scaffold-s3, which talks to S3 (scaffold links no AWS SDK),
found beside scaffold or on PATH; make install in a clone installs both.

Limits: --bucket follows S3's bucket-naming rules (general purpose, or a
directory bucket's name--zone-id--x-s3); a line is at most 65,536 bytes
(MaxTaskLine) of UTF-8; its key, URL-encoded, at most 1,024 characters
(MaxKeyLength).`

const manifestExamples = `  # List a directory bucket's photos into a manifest, and upload it:
  scaffold manifest --list s3://my-photos--usw2-az1--x-s3/photos/ \
    --suffix .jpg --out manifest.csv \
    --upload s3://my-batch-manifests/copy.csv

  # Plain object keys, one a line, URL-encoded as S3 reads manifest keys:
  scaffold manifest --bucket my-photos --keys keys.txt > manifest.csv

  scaffold manifest --bucket my-photos --in tasks.jsonl > manifest.csv
  jq -c '.[]' tasks.json |
    scaffold manifest ./renamer --bucket my-photos > manifest.csv`

func runManifest(e *env, args []string) error {
	var bucket, in, keys string
	var l manifestList
	fs := newFlagSet("manifest", "scaffold manifest [flags] [DIR]", manifestAbout, manifestExamples, e)
	l.flags(fs)
	fs.StringVar(&bucket, "bucket", "", "the `bucket` of every line (the manifest's Bucket column): a general purpose or directory bucket's name")
	fs.StringVar(&in, "in", "", "read the JSON objects from `file` (.jsonl) rather than standard input")
	fs.StringVar(&keys, "keys", "", "encode plain object keys, one a line, from `file` (- for standard input): no task schema, no project needed")
	if err := fs.parse(args); err != nil {
		return err
	}
	if l.f.List != "" {
		if bucket != "" || in != "" || keys != "" {
			return usagef("--list: --bucket, --in and --keys are for keys or task parameters you give; leave them out")
		}
		return l.run(e)
	}
	dir := ""
	if keys == "" {
		var err error
		if dir, err = fs.projectDir(); err != nil {
			return err
		}
	} else if in != "" {
		return usagef("--keys and --in: give one, plain keys or task parameters")
	} else if fs.NArg() > 0 {
		return usagef("--keys needs no project DIR: plain keys are not checked against a task schema")
	}
	flagName := "--in"
	if keys != "" && keys != "-" {
		in, flagName = keys, "--keys"
	}
	r := io.Reader(e.stdin)
	name := "standard input"
	if in != "" {
		f, err := os.Open(in)
		if err != nil {
			return fmt.Errorf("%s: %w", flagName, err)
		}
		defer f.Close()
		r, name = f, quote.Name(in)
	}
	return inputError(app.Manifest(app.ManifestInput{Dir: dir, Bucket: bucket, In: r, Name: name, Out: e.stdout, Keys: keys != ""}))
}
