package gen

// TestSAMTemplate checks the structure of the generated template.yaml: the
// function as Lambda runs Go, roles with least privilege and the right
// trust, and every !Ref, !GetAtt and ${...} naming something that exists.

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

func TestSAMTemplate(t *testing.T) {
	for _, arch := range []string{"arm64", "x86_64"} {
		o := options()
		o.Arch = arch
		fs, err := Generate(spec(t, tenArgs), o)
		if err != nil {
			t.Fatal(err)
		}
		data := fs.Lookup("template.yaml").Data
		file, err := parser.ParseBytes(data, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Every !Ref and !GetAtt, and every ${X} in a !Sub.
		var refs []string
		ast.Walk(visitor(func(n ast.Node) {
			tag, ok := n.(*ast.TagNode)
			if !ok {
				return
			}
			switch value := strings.Trim(tag.Value.String(), `"`); tag.Start.Value {
			case "!Ref":
				// SAM's Function.Alias is the alias AutoPublishAlias makes.
				refs = append(refs, strings.TrimSuffix(value, ".Alias"))
			case "!GetAtt":
				refs = append(refs, strings.Split(value, ".")[0])
			case "!Sub":
				for _, m := range regexp.MustCompile(`\$\{([^}.]+)`).FindAllStringSubmatch(value, -1) {
					refs = append(refs, m[1])
				}
			}
		}), file.Docs[0].Body)

		var doc struct {
			Parameters map[string]map[string]any `yaml:"Parameters"`
			Conditions map[string]any            `yaml:"Conditions"`
			Resources  map[string]struct {
				Type       string         `yaml:"Type"`
				Properties map[string]any `yaml:"Properties"`
			} `yaml:"Resources"`
			Outputs map[string]map[string]any `yaml:"Outputs"`
		}
		// The intrinsic functions' tags are not values for this part of
		// the check: read the document without them.
		stripped := regexp.MustCompile(`!(Ref|GetAtt|Sub|If|Not|Equals) `).ReplaceAll(data, nil)
		conditions := regexp.MustCompile(`!If \[(\w+)`).FindAllSubmatch(data, -1)
		if err := yaml.Unmarshal(stripped, &doc); err != nil {
			t.Fatal(err)
		}
		for _, r := range refs {
			_, isParam := doc.Parameters[r]
			_, isResource := doc.Resources[r]
			if !isParam && !isResource && !strings.HasPrefix(r, "AWS::") {
				t.Errorf("%s: reference to %q, which is neither a parameter nor a resource", arch, r)
			}
		}
		for _, c := range conditions {
			if _, ok := doc.Conditions[string(c[1])]; !ok {
				t.Errorf("%s: !If on %q, which is not a condition", arch, c[1])
			}
		}
		checkOperations(t, arch, doc.Parameters, func(name string) (string, map[string]any) {
			r := doc.Resources[name]
			return r.Type, r.Properties
		}, doc.Outputs)
		if len(refs) < 10 {
			t.Errorf("%s: only %d references found: %q", arch, len(refs), refs)
		}
		fn := doc.Resources["Function"]
		if fn.Type != "AWS::Serverless::Function" || fn.Properties["Runtime"] != "provided.al2023" || fn.Properties["Handler"] != "bootstrap" {
			t.Errorf("%s: function = %+v", arch, fn)
		}
		if archs, _ := fn.Properties["Architectures"].([]any); len(archs) != 1 || archs[0] != arch {
			t.Errorf("%s: architectures = %v", arch, fn.Properties["Architectures"])
		}
		text := string(data)
		for _, want := range []string{"Service: batchoperations.s3.amazonaws.com", "Service: lambda.amazonaws.com", "Action: lambda:InvokeFunction",
			"- s3:GetObjectVersion", "Action: s3:PutObject", "${ManifestBucket}/*", "${ReportBucket}/*", "${SourceBucket}/*", "${DestinationBucket}/*"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: template.yaml lacks %q", arch, want)
			}
		}
		if regexp.MustCompile(`Resource:\s*("\*"|'\*'|\*)`).MatchString(text) || strings.Contains(text, `- "*"`) {
			t.Errorf("%s: a policy grants Resource \"*\"", arch)
		}
		if !slices.Contains(refs, "Function") || !slices.Contains(refs, "FunctionRole") {
			t.Errorf("%s: the roles are not tied to the function: %q", arch, refs)
		}
	}
}

// visitor adapts a function to ast.Visitor.
type visitor func(ast.Node)

func (v visitor) Visit(n ast.Node) ast.Visitor {
	v(n)
	return v
}

// checkOperations checks what a job is operated with: parameter
// constraints, JSON logs in a log group with a retention, the alias, the
// concurrency cap, tracing, and the alarms on Errors, Throttles and the
// PermanentFailure metric of the handler's EMF line.
func checkOperations(t *testing.T, arch string, params map[string]map[string]any, resource func(string) (string, map[string]any), outputs map[string]map[string]any) {
	t.Helper()
	for _, p := range []struct {
		name     string
		min, max any
	}{{"MemorySize", uint64(128), uint64(10240)}, {"Timeout", uint64(1), uint64(900)}} {
		if params[p.name]["MinValue"] != p.min || params[p.name]["MaxValue"] != p.max {
			t.Errorf("%s: parameter %s = %v, want MinValue %v and MaxValue %v", arch, p.name, params[p.name], p.min, p.max)
		}
	}
	for name, def := range map[string]any{"ApplicationLogLevel": "INFO", "LogRetentionDays": uint64(30), "ReservedConcurrency": int64(-1), "Tracing": "PassThrough", "AlarmTopicArn": ""} {
		if p, ok := params[name]; !ok || p["Default"] != def {
			t.Errorf("%s: parameter %s = %v, want the default %#v", arch, name, p, def)
		}
	}
	typ, fn := resource("Function")
	logging, _ := fn["LoggingConfig"].(map[string]any)
	if typ != "AWS::Serverless::Function" || logging["LogFormat"] != "JSON" || logging["ApplicationLogLevel"] != "ApplicationLogLevel" || logging["LogGroup"] != "FunctionLogGroup" {
		t.Errorf("%s: LoggingConfig = %v", arch, logging)
	}
	for k, v := range map[string]any{"AutoPublishAlias": "live", "Tracing": "Tracing"} {
		if fn[k] != v {
			t.Errorf("%s: Function's %s = %v, want %v", arch, k, fn[k], v)
		}
	}
	if _, ok := fn["ReservedConcurrentExecutions"]; !ok {
		t.Errorf("%s: Function has no ReservedConcurrentExecutions", arch)
	}
	if typ, lg := resource("FunctionLogGroup"); typ != "AWS::Logs::LogGroup" || lg["RetentionInDays"] != "LogRetentionDays" {
		t.Errorf("%s: FunctionLogGroup = %s %v", arch, typ, lg)
	}
	for name, want := range map[string][2]string{"ErrorsAlarm": {"AWS/Lambda", "Errors"}, "ThrottlesAlarm": {"AWS/Lambda", "Throttles"}, "PermanentFailureAlarm": {"S3BatchOperations/fn", "PermanentFailure"}} {
		typ, a := resource(name)
		dims, _ := a["Dimensions"].([]any)
		if typ != "AWS::CloudWatch::Alarm" || a["Namespace"] != want[0] || a["MetricName"] != want[1] || len(dims) != 1 || fmt.Sprint(dims[0]) != "map[Name:FunctionName Value:Function]" {
			t.Errorf("%s: %s = %s %v, want an alarm on %s %s by FunctionName", arch, name, typ, a, want[0], want[1])
		}
	}
	if v := outputs["FunctionAliasArn"]["Value"]; v != "Function.Alias" {
		t.Errorf("%s: output FunctionAliasArn = %v, want the alias", arch, v)
	}
}

// TestSAMTemplateMetricsOff: without the metrics line, no alarm on it.
func TestSAMTemplateMetricsOff(t *testing.T) {
	o := options()
	off := false
	o.Metrics.Enabled = &off
	fs, err := Generate(spec(t, tenArgs), o)
	if err != nil {
		t.Fatal(err)
	}
	if text := string(fs.Lookup("template.yaml").Data); strings.Contains(text, "PermanentFailureAlarm") {
		t.Error("metrics off, yet an alarm on the PermanentFailure metric")
	}
}
