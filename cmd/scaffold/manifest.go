package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/project"
	"github.com/s3batchops/scaffold/schema"
)

const manifestAbout = `Manifest turns task parameters, one JSON object a line, into an S3 Batch
Operations CSV manifest: bucket,<URL-encoded JSON>. Each object is checked
against the task schema of the project in DIR (default: the current
directory), and each encoded key against S3's limit of 1,024 characters.
When any line is wrong, every wrong line is listed, with its number, and
nothing is written.`

const manifestExamples = `  scaffold manifest --bucket amzn-s3-demo-bucket --in tasks.jsonl > manifest.csv
  jq -c '.[]' tasks.json | scaffold manifest ./renamer --bucket amzn-s3-demo-bucket > manifest.csv`

func runManifest(e *env, args []string) error {
	var bucket, in string
	fs := newFlagSet("manifest", "scaffold manifest [flags] [DIR]", manifestAbout, manifestExamples, e)
	fs.StringVar(&bucket, "bucket", "", "the `bucket` of every line (the manifest's Bucket column)")
	fs.StringVar(&in, "in", "", "read the JSON objects from `file` (.jsonl) rather than standard input")
	if err := fs.parse(args); err != nil {
		return err
	}
	dir, err := fs.projectDir()
	if err != nil {
		return err
	}
	if bucket == "" || strings.ContainsAny(bucket, ",\"\n") {
		return usagef("--bucket %q: want a bucket name", bucket)
	}
	cfg, err := project.ReadConfig(dir)
	if err != nil {
		return err
	}
	task, _, err := cfg.LoadTaskSchema(dir)
	if err != nil {
		return err
	}
	if task == nil {
		return fmt.Errorf("%s has no task schema (taskSchema in scaffold.yaml): its keys are plain object keys", dir)
	}
	r := e.stdin
	name := "standard input"
	if in != "" {
		f, err := os.Open(in)
		if err != nil {
			return err
		}
		defer f.Close()
		r, name = f, in
	}
	out, err := manifestLines(r, name, bucket, task)
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(out)
	return err
}

// manifestLines reads JSON objects a line and returns the manifest, or an
// error listing every line that is wrong.
func manifestLines(r io.Reader, name, bucket string, task *schema.Spec) ([]byte, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var out bytes.Buffer
	var probs []string
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, line); err != nil {
			probs = append(probs, fmt.Sprintf("%s:%d: not JSON: %v", name, n, err))
			continue
		}
		if p := task.CheckTask(compact.String()); len(p) > 0 {
			probs = append(probs, fmt.Sprintf("%s:%d: %s", name, n, strings.Join(p, "; ")))
			continue
		}
		key := url.QueryEscape(compact.String())
		if l := utf8.RuneCountInString(key); l > schema.MaxKeyLength {
			probs = append(probs, fmt.Sprintf("%s:%d: the key is %d characters long once URL-encoded, more than S3's limit of %d: shorten its values", name, n, l, schema.MaxKeyLength))
			continue
		}
		fmt.Fprintf(&out, "%s,%s\n", bucket, key)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	if len(probs) > 0 {
		return nil, errors.New(strings.Join(probs, "\n") + "\nnothing was written")
	}
	return out.Bytes(), nil
}
