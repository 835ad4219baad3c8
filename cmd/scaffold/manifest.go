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

Limits: --bucket follows S3's bucket-naming rules (general purpose, or a
directory bucket's name--zone-id--x-s3); a line is at most 65,536 bytes
(MaxTaskLine) of UTF-8; its key, URL-encoded, at most 1,024 characters
(MaxKeyLength).`

const manifestExamples = `  # Plain object keys, one a line, URL-encoded as S3 reads manifest keys:
  scaffold manifest --bucket amzn-s3-demo-bucket --keys keys.txt > manifest.csv

  scaffold manifest --bucket amzn-s3-demo-bucket --in tasks.jsonl > manifest.csv
  jq -c '.[]' tasks.json |
    scaffold manifest ./renamer --bucket amzn-s3-demo-bucket > manifest.csv`

func runManifest(e *env, args []string) error {
	var bucket, in, keys string
	fs := newFlagSet("manifest", "scaffold manifest [flags] [DIR]", manifestAbout, manifestExamples, e)
	fs.StringVar(&bucket, "bucket", "", "the `bucket` of every line (the manifest's Bucket column): a general purpose or directory bucket's name")
	fs.StringVar(&in, "in", "", "read the JSON objects from `file` (.jsonl) rather than standard input")
	fs.StringVar(&keys, "keys", "", "encode plain object keys, one a line, from `file` (- for standard input): no task schema, no project needed")
	if err := fs.parse(args); err != nil {
		return err
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
	if keys != "" && keys != "-" {
		in = keys
	}
	r := io.Reader(e.stdin)
	name := "standard input"
	if in != "" {
		f, err := os.Open(in)
		if err != nil {
			return fmt.Errorf("--in: %w", err)
		}
		defer f.Close()
		r, name = f, quote.Name(in)
	}
	return inputError(app.Manifest(app.ManifestInput{Dir: dir, Bucket: bucket, In: r, Name: name, Out: e.stdout, Keys: keys != ""}))
}
