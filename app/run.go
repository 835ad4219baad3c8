package app

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/s3batchops/scaffold/internal/quote"
	"github.com/s3batchops/scaffold/localjob"
)

// RunInput is what scaffold run sets a local job up from; the fields are
// its flags.
type RunInput struct {
	Dir      string // the project
	Manifest string // a CSV manifest, or an inventory report's manifest.json
	Args     []string
	ArgsFile string // UserArguments as a JSON object; "" for none
	Report   string // the directory the completion report goes to
	Logs     string // the function's output; "" for job-ID.log beside the report
	Env      []string
	// Concurrency, Timeout, MaxRedrives and MemoryMB are localjob.Config's.
	Concurrency, MaxRedrives int
	Timeout                  time.Duration
	MemoryMB                 int
}

// LocalJob is a job set up to run: the project's bootstrap built, the
// manifest read once and counted, the report and the log file open.
// Close removes the bootstrap and closes the log.
type LocalJob struct {
	Config localjob.Config
	Tasks  iter.Seq2[localjob.Task, error]
	Total  int // tasks in the manifest
	Report *localjob.Report
	Logs   string // the log file's path
	// Warnings are about the manifest: keys that do not look URL-encoded.
	Warnings []string

	logFile *os.File
	tmp     string
}

// Close removes what PrepareRun made that the job no longer needs.
func (j *LocalJob) Close() {
	if j.logFile != nil {
		j.logFile.Close()
	}
	if j.tmp != "" {
		os.RemoveAll(j.tmp)
	}
}

// Backoff is the wait before a TemporaryFailure's first redrive; it
// doubles after each.
const Backoff = time.Second

// PrepareRun sets up the job of scaffold run: it checks in (bad values in
// an *InputError, all at once), the arguments against the project's
// schema, reads the whole manifest before anything runs (as S3 reads it
// while a job is Preparing), builds the project's bootstrap for this
// machine, and opens the report and the log. The caller runs
// localjob.Run with what it returns, then closes it.
func PrepareRun(in RunInput) (*LocalJob, error) {
	if err := checkRunInput(in); err != nil {
		return nil, err
	}
	pairs := in.Args
	if in.ArgsFile != "" {
		fromFile, err := readArgsFile(in.ArgsFile)
		if err != nil {
			return nil, err
		}
		pairs = append(fromFile, pairs...)
	}
	cfg, encoded, err := ProjectArguments(in.Dir, pairs)
	if err != nil {
		return nil, err
	}
	tasks, err := readManifest(in.Manifest)
	if err != nil {
		return nil, err
	}
	total, unencoded, err := countTasks(tasks)
	if err != nil {
		return nil, err
	}
	j := &LocalJob{Tasks: tasks, Total: total}
	if unencoded.n > 0 {
		j.Warnings = append(j.Warnings, fmt.Sprintf("%s: %s a raw space or non-ASCII character (first at %s), which a URL-encoded key never has: S3 passes manifest keys as they are and the function URL-decodes them, so a + in them is read as a space and %% starts an escape; encode plain keys with scaffold manifest --keys",
			quote.Name(in.Manifest), plural(unencoded.n, "key has", "keys have"), unencoded.first))
	}
	ok := false
	defer func() {
		if !ok {
			j.Close()
		}
	}()
	bin, err := j.buildBootstrap(in.Dir)
	if err != nil {
		return nil, err
	}
	j.Config = localjob.Config{
		Bootstrap:     bin,
		FunctionName:  cfg.Name,
		Env:           in.Env,
		SchemaVersion: cfg.InvocationSchemaVersion,
		Concurrency:   in.Concurrency,
		Timeout:       in.Timeout,
		MemoryMB:      in.MemoryMB,
		MaxRedrives:   in.MaxRedrives,
		Backoff:       Backoff,
		JobID:         localjob.NewJobID(),
		Metrics:       &localjob.MetricTotals{},
	}
	if len(encoded) > 0 {
		j.Config.UserArguments = map[string]string{}
		for _, m := range encoded {
			j.Config.UserArguments[m.Key] = m.Value.(string)
		}
	}
	if j.Report, err = localjob.NewReport(in.Report, j.Config.JobID); err != nil {
		return nil, err
	}
	// The function's own output (log lines, panics' stacks) is what
	// CloudWatch would hold: keep it, out of the way of the summary.
	j.Logs = in.Logs
	if j.Logs == "" {
		j.Logs = filepath.Join(in.Report, "job-"+j.Config.JobID+".log")
	}
	if j.logFile, err = os.OpenFile(j.Logs, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
		return nil, err
	}
	j.Config.Logs = j.logFile
	ok = true
	return j, nil
}

// checkRunInput checks the flags that stand alone.
func checkRunInput(in RunInput) error {
	var probs inputErrors
	if in.Manifest == "" {
		probs.add("missing --manifest")
	}
	if in.Concurrency < 1 || in.Concurrency > MaxConcurrency {
		probs.add(fmt.Sprintf("--concurrency %d: want 1 to %d processes (MaxConcurrency)", in.Concurrency, MaxConcurrency))
	}
	if in.Timeout <= 0 || in.Timeout > 15*time.Minute {
		probs.add(fmt.Sprintf("--timeout %v: want a positive duration of at most 15m, Lambda's limit", in.Timeout))
	}
	if in.MemoryMB != 0 && (in.MemoryMB < 128 || in.MemoryMB > 10240) {
		probs.add(fmt.Sprintf("--memory %d: want 128 to 10240 MB, Lambda's range", in.MemoryMB))
	}
	if in.MaxRedrives < 0 || in.MaxRedrives > MaxRedrives {
		probs.add(fmt.Sprintf("--max-redrives %d: want 0 to %d (MaxRedrives)", in.MaxRedrives, MaxRedrives))
	}
	for _, kv := range in.Env {
		if k, _, ok := strings.Cut(kv, "="); !ok || k == "" || strings.ContainsRune(k, 0) {
			probs.add(fmt.Sprintf("--env %s: want KEY=VALUE", quote.Value(kv)))
		}
	}
	return probs.err()
}

// Bounds of scaffold run's flags: redrives (each waits up to
// localjob.MaxBackoff) and processes on this machine.
const (
	MaxRedrives    = 10
	MaxConcurrency = 256
)

// MaxArgsFile is the largest --args-file read, in bytes: ten arguments of
// S3's largest (names of 64 characters, values of 1,024), JSON-escaped,
// fit in well under it.
const MaxArgsFile = 256 << 10

// readArgsFile reads UserArguments from a JSON object of strings, as
// KEY=VALUE pairs in the file's order. Each value must be what the file
// spells: a string (not null, a number or an object), no name twice, no
// name with = (which --args could not give either), and no character that
// encoding/json would read as U+FFFD (invalid UTF-8, a lone surrogate).
func readArgsFile(path string) ([]string, error) {
	shown := quote.Name(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--args-file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxArgsFile+1))
	if err != nil {
		return nil, fmt.Errorf("--args-file %s: %w", shown, err)
	}
	bad := func(format string, args ...any) error {
		return &InputError{[]string{fmt.Sprintf("--args-file %s: ", shown) + fmt.Sprintf(format, args...)}}
	}
	switch half := loneSurrogateAt(data); {
	case len(data) > MaxArgsFile:
		return nil, bad("more than %d bytes (MaxArgsFile): want a JSON object of at most 10 arguments", MaxArgsFile)
	case !utf8.Valid(data):
		return nil, bad("not valid UTF-8 (at byte %d): arguments are text", invalidUTF8At(data)+1)
	case half >= 0:
		return nil, bad("%s (at byte %d) is no character", halfSurrogate, half+1)
	}
	if err := json.Unmarshal(data, new(any)); err != nil {
		var syntax *json.SyntaxError // the only error Unmarshal gives an any
		at := int64(len(data))
		if errors.As(err, &syntax) {
			at = syntax.Offset
		}
		return nil, bad("not JSON (at byte %d): %v", at, err)
	}
	// Valid JSON from here: read the object member by member, keeping
	// what encoding/json would merge or convert.
	dec := json.NewDecoder(bytes.NewReader(data))
	notObject := bad("want a JSON object of strings, such as {\"KEY\": \"VALUE\"}")
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, notObject
	}
	var kv []string
	seen := map[string]bool{}
	for dec.More() {
		tok, _ := dec.Token()
		k := tok.(string) // the keys of valid JSON's objects are strings
		var raw json.RawMessage
		dec.Decode(&raw) // valid JSON: a value follows
		var v string
		switch {
		case raw[0] != '"' || json.Unmarshal(raw, &v) != nil:
			return nil, bad("%s: want a string, not %s", quote.Value(k), quote.Bare(string(raw)))
		case seen[k]:
			return nil, bad("%s: given twice", quote.Value(k))
		case strings.Contains(k, "="):
			return nil, bad("%s: a name may not hold =", quote.Value(k))
		}
		seen[k] = true
		kv = append(kv, k+"="+v)
	}
	return kv, nil
}

// readManifest returns the tasks of a CSV manifest or an inventory report,
// a sequence that reads the file anew each time it is ranged over.
func readManifest(path string) (iter.Seq2[localjob.Task, error], error) {
	if filepath.Base(path) == "manifest.json" {
		return localjob.ReadInventory(path), nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("--manifest %s: %w", quote.Name(path), errors.Unwrap(err))
	}
	if !fi.Mode().IsRegular() {
		// A FIFO would hold the run before it starts.
		return nil, fmt.Errorf("--manifest %s: not a regular file (%s): give the manifest's file", quote.Name(path), fi.Mode().Type())
	}
	return func(yield func(localjob.Task, error) bool) {
		f, err := os.Open(path)
		if err != nil {
			yield(localjob.Task{}, fmt.Errorf("--manifest %s: %w", quote.Name(path), errors.Unwrap(err)))
			return
		}
		defer f.Close()
		localjob.ReadCSV(f, path)(yield)
	}, nil
}

// unencodedKeys counts the manifest's keys that are not URL-encoded.
type unencodedKeys struct {
	n     int
	first string // the first one's place, file:line
}

// countTasks reads the whole manifest once before anything runs, as S3
// reads it while the job is Preparing: a malformed manifest fails the job
// before its first task, not after a million of them. It returns the
// number of tasks, the total that progress is shown against, and the keys
// that cannot be URL-encoded.
func countTasks(tasks iter.Seq2[localjob.Task, error]) (int, unencodedKeys, error) {
	n := 0
	var u unencodedKeys
	for t, err := range tasks {
		if err != nil {
			return n, u, err
		}
		n++
		if !looksEncoded(t.Key) {
			if u.n == 0 {
				u.first = t.Line
			}
			u.n++
		}
	}
	return n, u, nil
}

// looksEncoded reports whether key could be URL-encoded: no space, no
// control character, nothing outside ASCII.
func looksEncoded(key string) bool {
	for i := 0; i < len(key); i++ {
		if c := key[i]; c <= ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}

// plural returns "1 key has" or "3 keys have".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// buildBootstrap builds the project's bootstrap for this machine, as make
// build does for Lambda, into a temporary directory Close removes. It builds
// into a directory of the user's cache kept for the project
// (keptBootstrap), where go build, finding the bootstrap up to date with
// every source it depends on, does not link it again; this run gets a hard
// link of its own to the file, which a later build replaces rather than
// overwrites. Without a usable cache it builds afresh.
func (j *LocalJob) buildBootstrap(dir string) (string, error) {
	kept, keptErr := keptBootstrap(dir)
	// The run's link lives beside the kept file: a hard link cannot cross
	// file systems, and /tmp is often another one.
	parent := ""
	if keptErr == nil {
		parent = filepath.Dir(kept)
	}
	tmp, err := os.MkdirTemp(parent, "scaffold-run-")
	if err != nil {
		return "", err
	}
	j.tmp = tmp
	bin := filepath.Join(tmp, "bootstrap")
	if keptErr == nil && goBuild(dir, kept) == nil && os.Link(kept, bin) == nil {
		return bin, nil
	}
	// Built afresh when the cache is unusable, and to report a build error.
	return bin, goBuild(dir, bin)
}

// goBuild builds the Go package in dir into bin, as make build does.
func goBuild(dir, bin string) error {
	cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-o", bin, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s: %v\n%s", dir, err, out)
	}
	return nil
}

// keptBootstrap returns where the bootstrap of the project in dir is kept
// between runs: in the user's cache, in a directory named for the
// project's absolute path.
func keptBootstrap(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	runs := filepath.Join(cache, "scaffold", "run")
	kept := filepath.Join(runs, hex.EncodeToString(sum[:12]))
	if err := os.MkdirAll(kept, 0o700); err != nil {
		return "", err
	}
	now := time.Now()
	os.Chtimes(kept, now, now)
	pruneKept(runs, maxKept)
	return filepath.Join(kept, "bootstrap"), nil
}

// maxKept is how many projects' bootstraps the cache keeps, about 10 MB
// each.
const maxKept = 8

// pruneKept removes all but the n most recently used bootstraps in runs.
func pruneKept(runs string, n int) {
	entries, err := os.ReadDir(runs)
	if err != nil || len(entries) <= n {
		return
	}
	type dir struct {
		path string
		used time.Time
	}
	var dirs []dir
	for _, e := range entries {
		if info, err := e.Info(); err == nil && e.IsDir() {
			dirs = append(dirs, dir{filepath.Join(runs, e.Name()), info.ModTime()})
		}
	}
	slices.SortFunc(dirs, func(a, b dir) int { return b.used.Compare(a.used) })
	for _, d := range dirs[min(n, len(dirs)):] {
		os.RemoveAll(d.path)
	}
}
