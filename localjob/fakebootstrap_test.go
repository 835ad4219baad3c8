package localjob

// The test binary doubles as a function's bootstrap: with
// LOCALJOB_TEST_PROCESS set, TestMain runs a small Lambda runtime client
// (or the child process it starts) instead of the tests, so that Run can
// be tested end to end without building a project.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	switch os.Getenv("LOCALJOB_TEST_PROCESS") {
	case "bootstrap":
		fakeBootstrap()
		os.Exit(0)
	case "child":
		// A process the function started and forgot: it would run for an
		// hour unless the run ends it.
		time.Sleep(time.Hour)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// fakeBootstrap answers every invocation Succeeded (TemporaryFailure for a
// key starting "temp"), with the event's key as the result string, and
// exits after answering a key starting "exit-after"; with
// LOCALJOB_TEST_INIT_FAILS=1 it exits before asking for an invocation. With LOCALJOB_TEST_PIDFILE set, it first starts a
// child process and writes the child's pid there; with
// LOCALJOB_TEST_HANG=1, it then never answers.
func fakeBootstrap() {
	base := "http://" + os.Getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/"
	if os.Getenv("LOCALJOB_TEST_INIT_FAILS") == "1" {
		os.Exit(3) // before asking for anything: a failed initialisation
	}
	for {
		resp, err := http.Get(base + "next")
		if err != nil {
			os.Exit(1)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		id := resp.Header.Get("Lambda-Runtime-Aws-Request-Id")
		if pidfile := os.Getenv("LOCALJOB_TEST_PIDFILE"); pidfile != "" {
			child := exec.Command(os.Args[0])
			child.Env = append(os.Environ(), "LOCALJOB_TEST_PROCESS=child")
			if err := child.Start(); err != nil {
				os.Exit(1)
			}
			// Written whole, then renamed: the test never reads half a pid.
			os.WriteFile(pidfile+".tmp", []byte(fmt.Sprint(child.Process.Pid)), 0o644)
			os.Rename(pidfile+".tmp", pidfile)
		}
		if os.Getenv("LOCALJOB_TEST_HANG") == "1" {
			select {}
		}
		var ev event
		json.Unmarshal(body, &ev)
		code := "Succeeded"
		if strings.HasPrefix(ev.Tasks[0].S3Key, "temp") {
			code = "TemporaryFailure"
		}
		out, _ := json.Marshal(map[string]any{
			"invocationSchemaVersion": ev.SchemaVersion, "treatMissingKeysAs": "PermanentFailure", "invocationId": ev.InvocationID,
			"results": []map[string]string{{"taskId": ev.Tasks[0].TaskID, "resultCode": code, "resultString": "got " + ev.Tasks[0].S3Key}},
		})
		r, err := http.Post(base+id+"/response", "application/json", bytes.NewReader(out))
		if err != nil {
			os.Exit(1)
		}
		if strings.HasPrefix(ev.Tasks[0].S3Key, "exit-after") {
			os.Exit(0) // answered, then gone: between invocations
		}
		r.Body.Close()
	}
}

// fakeConfig is a job run by the test binary as its bootstrap.
func fakeConfig(t *testing.T, env ...string) Config {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return Config{
		Bootstrap: exe, FunctionName: "f", SchemaVersion: "2.0", Concurrency: 1,
		Timeout: time.Minute, Env: append([]string{"LOCALJOB_TEST_PROCESS=bootstrap"}, env...),
	}
}

// runAll runs tasks and returns their results.
func runAll(t *testing.T, cfg Config, tasks ...Task) []Result {
	t.Helper()
	seq := func(yield func(Task, error) bool) {
		for _, task := range tasks {
			if !yield(task, nil) {
				return
			}
		}
	}
	var out []Result
	if _, err := Run(t.Context(), cfg, seq, func(r Result) error { out = append(out, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}
