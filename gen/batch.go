package gen

import (
	"github.com/dave/jennifer/jen"
)

// The batch package is the same for every schema: it is generic over the
// Args type, and it is copied from templates/runtime/batch, where it is
// tested. Only settings.go, from scaffold.yaml, and project_test.go, which
// runs the project's own arguments and settings through it, are emitted.

// emitSettings returns internal/batch/settings.go: the Config from
// scaffold.yaml.
//
//	var Settings = Config{TreatMissingKeysAs: PermanentFailure, …}
func emitSettings(m *model) *jen.File {
	f := newGoFile("batch", Scaffold, m)
	codes := func(list []string) jen.Code {
		if len(list) == 0 {
			return jen.Nil()
		}
		return jen.Index().String().ValuesFunc(func(g *jen.Group) {
			for _, c := range list {
				g.Lit(c)
			}
		})
	}
	f.Comment("Settings is this function's Config, from scaffold.yaml and the schema")
	f.Comment("(LoggedArguments: the arguments marked \"x-log\": true).")
	f.Var().Id("Settings").Op("=").Id("Config").Values(jen.DictFunc(func(d jen.Dict) {
		d[jen.Id("TreatMissingKeysAs")] = jen.Id(m.opts.TreatMissingKeysAs)
		d[jen.Id("SoftDeadlineMargin")] = jen.Lit(2).Op("*").Qual(pkgTime, "Second")
		d[jen.Id("TemporaryCodes")] = codes(m.opts.Retry.Temporary)
		d[jen.Id("PermanentCodes")] = codes(m.opts.Retry.Permanent)
		d[jen.Id("Metrics")] = jen.Lit(m.opts.Metrics.On())
		d[jen.Id("MetricsNamespace")] = jen.Lit(m.opts.Metrics.Namespace)
		var logged []string
		for _, a := range m.spec.Args {
			if a.Log {
				logged = append(logged, a.Name)
			}
		}
		d[jen.Id("LoggedArguments")] = codes(logged)
	}))
	return f
}
