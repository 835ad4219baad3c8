package gen

import (
	"bytes"
	"io/fs"
	"path"

	"github.com/s3batchops/scaffold/templates"
)

// runtimeFiles returns the project's copy of templates/runtime: each Go
// file of runtime/batch and runtime/args as it is in scaffold's tree, in
// internal/batch and internal/args, under the generated-code header, with
// imports of scaffold's runtime packages pointed at the project's own
// internal packages. The files are ordinary Go, tested where they live, so
// nothing here formats or checks them.
func runtimeFiles(m *model) (FileSet, error) {
	from := []byte(`"` + templates.RuntimeImportPrefix)
	to := []byte(`"` + m.module + "/internal/")
	var files FileSet
	for _, pkg := range []string{"args", "batch"} {
		dir := path.Join("runtime", pkg)
		entries, err := fs.ReadDir(templates.Runtime, dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			data, err := fs.ReadFile(templates.Runtime, path.Join(dir, e.Name()))
			if err != nil {
				return nil, err
			}
			out := append([]byte("// "+generatedHeader+"\n\n"), bytes.ReplaceAll(data, from, to)...)
			files = append(files, File{Path: path.Join("internal", pkg, e.Name()), Data: out, Owner: Scaffold})
		}
	}
	return files, nil
}
