package gen

// TestSAMTemplatePolicies evaluates template.yaml's intrinsic functions
// (!Ref, !Sub, !If, !Equals, !Not, !And, !Condition) for sets of parameter
// values, as CloudFormation would, and checks the policies that result:
// directory buckets get s3express:CreateSession on exactly their ARN and no
// object-level grant, general purpose buckets the object-level grants, the
// report is writable under its prefix only, and a KMS key is granted only
// when given. cfn-lint cannot be installed here, so this is the check of the
// template's logic.

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// cfnTemplate is a template read into plain values: maps, slices, strings,
// and a tag as a one-key map from the tag ("!Ref") to its value.
type cfnTemplate struct {
	doc    map[string]any
	params map[string]string
}

func readCFN(t *testing.T, data []byte) map[string]any {
	t.Helper()
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	return plain(file.Docs[0].Body).(map[string]any)
}

func plain(n ast.Node) any {
	switch n := n.(type) {
	case *ast.MappingNode:
		m := map[string]any{}
		for _, v := range n.Values {
			m[strings.Trim(v.Key.String(), `"`)] = plain(v.Value)
		}
		return m
	case *ast.MappingValueNode:
		return map[string]any{strings.Trim(n.Key.String(), `"`): plain(n.Value)}
	case *ast.SequenceNode:
		var s []any
		for _, v := range n.Values {
			s = append(s, plain(v))
		}
		return s
	case *ast.TagNode:
		return map[string]any{n.Start.Value: plain(n.Value)}
	case *ast.StringNode:
		return n.Value
	}
	return strings.Trim(n.String(), `"`)
}

// eval resolves v's intrinsic functions; nil stands for AWS::NoValue.
func (c *cfnTemplate) eval(t *testing.T, v any) any {
	switch v := v.(type) {
	case []any:
		var out []any
		for _, e := range v {
			if r := c.eval(t, e); r != nil {
				out = append(out, r)
			}
		}
		return out
	case map[string]any:
		if len(v) == 1 {
			for k, arg := range v {
				switch k {
				case "!Ref":
					return c.ref(t, arg.(string))
				case "!GetAtt":
					return "<" + arg.(string) + ">"
				case "!Sub":
					return c.sub(t, arg.(string))
				case "!If":
					a := arg.([]any)
					if c.condition(t, a[0].(string)) {
						return c.eval(t, a[1])
					}
					return c.eval(t, a[2])
				}
			}
		}
		out := map[string]any{}
		for k, e := range v {
			if r := c.eval(t, e); r != nil {
				out[k] = r
			}
		}
		return out
	}
	return v
}

func (c *cfnTemplate) ref(t *testing.T, name string) any {
	switch name {
	case "AWS::NoValue":
		return nil
	case "AWS::Partition":
		return "aws"
	case "AWS::Region":
		return "us-west-2"
	case "AWS::AccountId":
		return "111122223333"
	}
	if p, ok := c.doc["Parameters"].(map[string]any)[name]; ok {
		if v, ok := c.params[name]; ok {
			return v
		}
		if d, ok := p.(map[string]any)["Default"]; ok {
			return d
		}
		t.Fatalf("parameter %s has no value and no default", name)
	}
	if _, ok := c.doc["Resources"].(map[string]any)[name]; ok {
		return "<" + name + ">"
	}
	t.Fatalf("!Ref %s: no such parameter or resource", name)
	return nil
}

func (c *cfnTemplate) sub(t *testing.T, s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return b.String() + s
		}
		j := strings.Index(s[i:], "}")
		b.WriteString(s[:i])
		name := s[i+2 : i+j]
		if strings.Contains(name, ".") {
			b.WriteString("<" + name + ">")
		} else {
			b.WriteString(fmt.Sprint(c.ref(t, name)))
		}
		s = s[i+j+1:]
	}
}

func (c *cfnTemplate) condition(t *testing.T, name string) bool {
	cond, ok := c.doc["Conditions"].(map[string]any)[name]
	if !ok {
		t.Fatalf("no condition %s", name)
	}
	return c.truth(t, cond)
}

func (c *cfnTemplate) truth(t *testing.T, v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		t.Fatalf("not a condition: %v", v)
	}
	for k, arg := range m {
		switch k {
		case "!Equals":
			a := arg.([]any)
			return fmt.Sprint(c.eval(t, a[0])) == fmt.Sprint(c.eval(t, a[1]))
		case "!Not":
			return !c.truth(t, arg.([]any)[0])
		case "!And":
			for _, e := range arg.([]any) {
				if !c.truth(t, e) {
					return false
				}
			}
			return true
		case "!Condition":
			return c.condition(t, arg.(string))
		}
		t.Fatalf("unknown condition function %s", k)
	}
	return false
}

// grants returns a role's policy statements as "Action Resource" lines.
func (c *cfnTemplate) grants(t *testing.T, role string) []string {
	r := c.eval(t, c.doc["Resources"].(map[string]any)[role]).(map[string]any)
	var out []string
	for _, p := range r["Properties"].(map[string]any)["Policies"].([]any) {
		for _, st := range p.(map[string]any)["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			st := st.(map[string]any)
			actions, resources := st["Action"], st["Resource"]
			for _, a := range asList(actions) {
				for _, r := range asList(resources) {
					out = append(out, fmt.Sprint(a, " ", r))
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

func TestSAMTemplatePolicies(t *testing.T) {
	fs, err := Generate(spec(t, tenArgs), options())
	if err != nil {
		t.Fatal(err)
	}
	doc := readCFN(t, fs.Lookup("template.yaml").Data)
	base := map[string]string{"SourceBucket": "src", "ManifestBucket": "manifests", "ReportBucket": "reports"}
	with := func(kv ...string) map[string]string {
		p := map[string]string{}
		for k, v := range base {
			p[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			p[kv[i]] = kv[i+1]
		}
		return p
	}
	const (
		srcDir = "src--usw2-az1--x-s3"
		dstDir = "dst--usw2-az1--x-s3"
	)
	readSrc := []string{"s3:GetObject arn:aws:s3:::src/*", "s3:GetObjectTagging arn:aws:s3:::src/*", "s3:GetObjectVersion arn:aws:s3:::src/*", "s3:GetObjectVersionTagging arn:aws:s3:::src/*"}
	writeDst := []string{"s3:AbortMultipartUpload arn:aws:s3:::dst/*", "s3:PutObject arn:aws:s3:::dst/*", "s3:PutObjectTagging arn:aws:s3:::dst/*"}
	kms := "kms:Decrypt arn:aws:kms:us-west-2:111122223333:key/k"
	batchBase := []string{"lambda:InvokeFunction <Function.Arn>", "lambda:InvokeFunction <Function.Arn>:*", "s3:GetObject arn:aws:s3:::manifests/*", "s3:GetObjectVersion arn:aws:s3:::manifests/*"}
	for _, tc := range []struct {
		name            string
		params          map[string]string
		function, batch []string
	}{
		{"general purpose, no destination", with(), readSrc, append(slices.Clone(batchBase), "s3:PutObject arn:aws:s3:::reports/*")},
		{"general purpose to general purpose", with("DestinationBucket", "dst"), append(slices.Clone(readSrc), writeDst...), nil},
		{"directory to directory (the blog)", with("SourceBucket", srcDir, "SourceBucketType", "Directory", "DestinationBucket", dstDir, "DestinationBucketType", "Directory"),
			[]string{"s3express:CreateSession arn:aws:s3express:us-west-2:111122223333:bucket/" + dstDir, "s3express:CreateSession arn:aws:s3express:us-west-2:111122223333:bucket/" + srcDir}, nil},
		{"general purpose to directory", with("DestinationBucket", dstDir, "DestinationBucketType", "Directory"),
			append(slices.Clone(readSrc), "s3express:CreateSession arn:aws:s3express:us-west-2:111122223333:bucket/"+dstDir), nil},
		{"directory type without a destination grants nothing more", with("DestinationBucketType", "Directory"), readSrc, nil},
		{"report prefix", with("ReportPrefix", "batch/reports"), readSrc, append(slices.Clone(batchBase), "s3:PutObject arn:aws:s3:::reports/batch/reports/*")},
		{"KMS key", with("KmsKeyArn", "arn:aws:kms:us-west-2:111122223333:key/k"),
			append(slices.Clone(readSrc), kms, "kms:GenerateDataKey arn:aws:kms:us-west-2:111122223333:key/k"),
			append(slices.Clone(batchBase), kms, "kms:GenerateDataKey arn:aws:kms:us-west-2:111122223333:key/k", "s3:PutObject arn:aws:s3:::reports/*")},
	} {
		c := &cfnTemplate{doc: doc, params: tc.params}
		want := slices.Clone(tc.function)
		slices.Sort(want)
		if got := c.grants(t, "FunctionRole"); !slices.Equal(got, want) {
			t.Errorf("%s: the function's role grants\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if tc.batch != nil {
			want := slices.Clone(tc.batch)
			slices.Sort(want)
			if got := c.grants(t, "BatchOperationsRole"); !slices.Equal(got, want) {
				t.Errorf("%s: the batch role grants\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
}
