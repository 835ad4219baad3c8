package templates

// TestModuleCopies keeps the copies of scaffold's go.mod and go.sum, from
// which generated projects pin scaffold as a tool, equal to the
// repository's own: run make sync-module after changing dependencies.

import (
	"bytes"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func TestModuleCopies(t *testing.T) {
	for copied, original := range map[string]string{"scaffold-go.mod": "../go.mod", "scaffold-go.sum": "../go.sum"} {
		want, err := os.ReadFile(original)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]byte{"scaffold-go.mod": ScaffoldGoMod, "scaffold-go.sum": ScaffoldGoSum}[copied]
		if !bytes.Equal(got, want) {
			t.Errorf("templates/%s differs from %s: run make sync-module", copied, original)
		}
	}
}

func TestToolModules(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{with .Module}}{{if not .Main}}{{.Path}}{{end}}{{end}}", "../cmd/scaffold").Output()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, m := range strings.Fields(string(out)) {
		if !slices.Contains(want, m) {
			want = append(want, m)
		}
	}
	slices.Sort(want)
	if got := strings.Fields(ScaffoldToolModules); !slices.Equal(got, want) {
		t.Errorf("scaffold-tool-modules.txt = %q\nthe command builds from %q: run make sync-module", got, want)
	}
}
