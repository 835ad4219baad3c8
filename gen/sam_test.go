package gen

// TestSAMTemplate checks the structure of the generated template.yaml: the
// function as Lambda runs Go, roles with least privilege and the right
// trust, and every !Ref, !GetAtt and ${...} naming something that exists.

import (
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
				refs = append(refs, value)
			case "!GetAtt":
				refs = append(refs, strings.Split(value, ".")[0])
			case "!Sub":
				for _, m := range regexp.MustCompile(`\$\{([^}.]+)`).FindAllStringSubmatch(value, -1) {
					refs = append(refs, m[1])
				}
			}
		}), file.Docs[0].Body)

		var doc struct {
			Parameters map[string]any `yaml:"Parameters"`
			Resources  map[string]struct {
				Type       string         `yaml:"Type"`
				Properties map[string]any `yaml:"Properties"`
			} `yaml:"Resources"`
		}
		// The intrinsic functions' tags are not values for this part of
		// the check: read the document without them.
		stripped := regexp.MustCompile(`!(Ref|GetAtt|Sub|If|Not|Equals) `).ReplaceAll(data, nil)
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
