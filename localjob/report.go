package localjob

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/internal/quote"
)

// MaxResultMessage is how much of a result string S3 keeps in a report.
const MaxResultMessage = 1024

// Report writes a completion report as S3 writes it:
// <dir>/job-<id>/manifest.json, and results/<hash>.csv for the succeeded
// and the failed tasks, written as the results arrive.
type Report struct {
	dir, jobDir string
	files       map[string]*reportFile // by task status
}

type reportFile struct {
	path string
	f    *os.File
	w    *csv.Writer
	rows int
}

// NewReport starts the report of job jobID under dir. dir may not be a
// symbolic link, nor, when relative, lie below one: the default,
// scaffold-report, is relative to where scaffold run runs, often a
// checkout, which could carry a link sending the report (and the function's
// log beside it) anywhere.
func NewReport(dir, jobID string) (*Report, error) {
	if err := checkReportDir(dir); err != nil {
		return nil, err
	}
	jobDir := filepath.Join(dir, "job-"+jobID)
	if err := os.MkdirAll(filepath.Join(jobDir, "results"), 0o755); err != nil {
		return nil, err
	}
	return &Report{dir: dir, jobDir: jobDir, files: map[string]*reportFile{}}, nil
}

// checkReportDir refuses a report directory that is a symbolic link, or,
// for a relative one, a directory on its way that is (an absolute path is
// the user's own, and systems link some of theirs, /tmp on macOS).
func checkReportDir(dir string) error {
	clean := filepath.Clean(dir)
	steps := []string{clean}
	if !filepath.IsAbs(clean) {
		steps = steps[:0]
		p := ""
		for _, part := range strings.Split(clean, string(filepath.Separator)) {
			p = filepath.Join(p, part)
			steps = append(steps, p)
		}
	}
	for _, p := range steps {
		if fi, err := os.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			return fmt.Errorf("%s is a symbolic link (to %s): scaffold run writes its report only into a directory, not through a link; pass --report with the directory you mean", quote.Name(p), quote.Name(target))
		}
	}
	return nil
}

// Add writes one task's row: Bucket, Key, VersionId, TaskStatus,
// HTTPStatusCode, ErrorCode, ResultMessage, in the order S3's rows have
// them (manifest.json names ErrorCode before HTTPStatusCode; the rows do not).
func (r *Report) Add(res Result) error {
	status, code := "succeeded", ""
	if res.Code != Succeeded {
		status, code = "failed", res.Code
	}
	rf := r.files[status]
	if rf == nil {
		f, err := os.CreateTemp(filepath.Join(r.jobDir, "results"), "."+status+"-*.csv")
		if err != nil {
			return err
		}
		rf = &reportFile{path: f.Name(), f: f, w: csv.NewWriter(f)}
		r.files[status] = rf
	}
	rf.rows++
	return rf.w.Write([]string{res.Bucket, res.Key, res.VersionID, status, "200", code, truncateRunes(res.Message, MaxResultMessage)})
}

// truncateRunes cuts s to at most n characters.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

// Close finishes the result files, names them by their hash as S3 does,
// and writes manifest.json. It returns manifest.json's path.
func (r *Report) Close() (string, error) {
	type result struct {
		TaskExecutionStatus string
		Bucket              string
		MD5Checksum         string
		Key                 string
	}
	manifest := struct {
		Format             string
		ReportCreationDate string
		Results            []result
		ReportSchema       string
	}{
		Format:             "Report_CSV_20180820",
		ReportCreationDate: time.Now().UTC().Format(time.RFC3339),
		ReportSchema:       "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage",
		Results:            []result{},
	}
	for _, status := range []string{"succeeded", "failed"} {
		rf := r.files[status]
		if rf == nil {
			continue
		}
		rf.w.Flush()
		if err := rf.w.Error(); err != nil {
			return "", err
		}
		if err := rf.f.Close(); err != nil {
			return "", err
		}
		md5sum, sha, err := sums(rf.path)
		if err != nil {
			return "", err
		}
		name := filepath.Join(r.jobDir, "results", sha[:40]+".csv")
		if err := os.Rename(rf.path, name); err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(r.dir, name)
		manifest.Results = append(manifest.Results, result{status, r.dir, md5sum, filepath.ToSlash(rel)})
	}
	data, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return "", err
	}
	path := filepath.Join(r.jobDir, "manifest.json")
	return path, os.WriteFile(path, append(data, '\n'), 0o644)
}

// sums returns a file's MD5 and SHA-256, in hex.
func sums(path string) (string, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	m, s := md5.New(), sha256.New()
	if _, err := io.Copy(io.MultiWriter(m, s), f); err != nil {
		return "", "", fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(m.Sum(nil)), hex.EncodeToString(s.Sum(nil)), nil
}
