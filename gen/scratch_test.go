package gen
import ("testing"; "os"; "path/filepath"; "github.com/s3batchops/scaffold/schema")
func TestScratch(t *testing.T) {
	data, _ := os.ReadFile("/tmp/s/copier.schema.json")
	spec, err := schema.Parse("args.schema.json", data)
	if err != nil { t.Fatal(err) }
	fs, err := Generate(spec, Options{Name: "copier", Module: "example.com/copier", InvocationSchemaVersion: "2.0", Arch: "arm64", SchemaFile: "args.schema.json", SchemaData: data, Version: "dev"})
	if err != nil { t.Fatal(err) }
	os.RemoveAll("/tmp/gout")
	for _, f := range fs {
		p := filepath.Join("/tmp/gout", f.Path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
}
