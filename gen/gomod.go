package gen

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb/dirhash"

	"github.com/s3batchops/scaffold/templates"
)

// ScaffoldModule is scaffold's own module, which a project pins as a tool
// so that `go generate ./...` regenerates it with the same version.
const ScaffoldModule = "github.com/s3batchops/scaffold"

// pinnedVersion returns the version of scaffold a project pins, or "" when
// scaffold's own version is not a release another machine could download:
// a development build ("devel"), or a build stamped by version control (a
// pseudo-version, perhaps +dirty). A project made by such a build does not
// pin scaffold, so that it builds anywhere; its README says how to
// regenerate it.
func pinnedVersion(v string) string {
	if module.Check(ScaffoldModule, v) != nil || semver.Build(v) != "" || module.IsPseudoVersion(v) {
		return ""
	}
	return v
}

// renderGoMod returns the project's go.mod: the function's requirements,
// scaffold as a tool, and scaffold's own requirements as indirect ones, so
// that the module graph is complete without `go mod tidy`.
func renderGoMod(m *model) ([]byte, error) {
	starterMod, _, err := templates.StarterModule(m.opts.Starter)
	if err != nil {
		return nil, err
	}
	function, err := modfile.ParseLax("starter go.mod", starterMod, nil)
	if err != nil {
		return nil, fmt.Errorf("the %s starter's go.mod: %w", m.opts.Starter, err)
	}
	own, err := modfile.ParseLax("scaffold-go.mod", templates.ScaffoldGoMod, nil)
	if err != nil {
		return nil, fmt.Errorf("scaffold's go.mod: %w", err)
	}
	f := &modfile.File{}
	f.AddModuleStmt(m.module)
	f.AddGoStmt("1.26")
	versions := map[string]string{}
	direct := map[string]bool{}
	// require adds a requirement, keeping the highest version of a module,
	// as the go command's version selection would.
	require := func(reqs []*modfile.Require, indirect bool) {
		for _, r := range reqs {
			if semver.Compare(r.Mod.Version, versions[r.Mod.Path]) > 0 {
				versions[r.Mod.Path] = r.Mod.Version
			}
			direct[r.Mod.Path] = direct[r.Mod.Path] || !(indirect || r.Indirect)
		}
	}
	require(function.Require, false)
	if m.pinned != "" {
		f.AddTool(ScaffoldModule + "/cmd/scaffold")
		require([]*modfile.Require{{Mod: module.Version{Path: ScaffoldModule, Version: m.pinned}}}, false)
		// Only the modules the command builds from: scaffold's test-only
		// requirements are none of the project's business.
		tool := strings.Fields(templates.ScaffoldToolModules)
		require(slices.DeleteFunc(slices.Clone(own.Require), func(r *modfile.Require) bool { return !slices.Contains(tool, r.Mod.Path) }), true)
	}
	var reqs []*modfile.Require
	for _, path := range sortedKeys(versions) {
		reqs = append(reqs, &modfile.Require{Mod: module.Version{Path: path, Version: versions[path]}, Indirect: !direct[path]})
	}
	f.SetRequireSeparateIndirect(reqs)
	f.Cleanup()
	return f.Format()
}

// renderGoSum returns the project's go.sum: the function's checksums,
// scaffold's, and the checksum of scaffold's go.mod, which is all a build
// of the function needs. The checksum of scaffold's code cannot be known
// before it is published: `go tool scaffold` asks for
// `go mod download github.com/s3batchops/scaffold` the first time.
func renderGoSum(m *model) ([]byte, error) {
	_, starterSum, err := templates.StarterModule(m.opts.Starter)
	if err != nil {
		return nil, err
	}
	lines := map[string]bool{}
	sums := [][]byte{starterSum}
	if m.pinned != "" {
		sums = append(sums, templates.ScaffoldGoSum)
	}
	for _, data := range sums {
		for _, line := range strings.Split(string(data), "\n") {
			if line != "" {
				lines[line] = true
			}
		}
	}
	if v := m.pinned; v != "" {
		h, err := dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(templates.ScaffoldGoMod)), nil
		})
		if err != nil {
			return nil, err
		}
		lines[fmt.Sprintf("%s %s/go.mod %s", ScaffoldModule, v, h)] = true
	}
	sorted := sortedKeys(lines)
	return []byte(strings.Join(sorted, "\n") + "\n"), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
