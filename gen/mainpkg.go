package gen

import (
	"strconv"

	"github.com/dave/jennifer/jen"
)

// generateDirective runs the scaffold that go.mod pins as a tool.
const generateDirective = "//go:generate go tool scaffold generate"

// emitMain returns main.go: wiring only.
//
//	func main() {
//		f, err := NewFunction(context.Background())
//		…
//		lambda.Start(batch.NewHandler(args.Parse, f.Process, batch.Settings))
//	}
func emitMain(m *model) *jen.File {
	f := newGoFile("main", Scaffold, m)
	f.PackageComment("Command bootstrap is the Lambda function " + strconv.Quote(m.opts.Name) + " for S3 Batch Operations.")
	f.PackageComment("")
	f.PackageComment("This file only wires the function to the Lambda runtime; the code to change")
	f.PackageComment("is in function.go.")
	if m.pinned != "" {
		f.Comment("After editing the schema, regenerate with the scaffold go.mod pins:")
		f.Comment("go generate ./...")
		f.Comment(generateDirective)
		f.Line()
	}
	f.Func().Id("main").Params().Block(
		jen.Comment("NewFunction runs once per execution environment, before the first task."),
		jen.List(jen.Id("f"), jen.Id("err")).Op(":=").Id("NewFunction").Call(jen.Qual(pkgContext, "Background").Call()),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(
			jen.Comment("Lambda reports the exit as Runtime.ExitError and logs this line."),
			jen.Qual(pkgLog, "Fatalf").Call(jen.Lit("NewFunction: %v"), jen.Id("err")),
		),
		jen.Add(startHandler(m)),
	)
	return f
}

// startHandler returns the call that starts the handler; with a task
// schema, the function's Process gets each key's parameters, decoded, and a
// key that does not hold them fails its task permanently, with the reason.
func startHandler(m *model) jen.Code {
	process := jen.Id("f").Dot("Process")
	var decode jen.Code = jen.Null()
	if m.task != nil {
		process = jen.Id("process")
		decode = jen.Id("process").Op(":=").Func().Params(jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("task").Qual(m.batchPkg, "Task"), jen.Id("a").Qual(m.argsPkg, "Args")).Params(jen.String(), jen.Error()).Block(
			jen.List(jen.Id("p"), jen.Id("err")).Op(":=").Qual(m.paramsPkg, "Decode").Call(jen.Id("task").Dot("Key")),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(
				jen.Return(jen.Lit(""), jen.Qual(m.batchPkg, "Permanent").Call(jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("the key does not hold the task's parameters: %w"), jen.Id("err")))),
			),
			jen.Return(jen.Id("f").Dot("Process").Call(jen.Id("ctx"), jen.Id("task"), jen.Id("a"), jen.Id("p"))),
		).Line()
	}
	return jen.Add(decode).Qual(pkgLambda, "Start").Call(jen.Qual(m.batchPkg, "NewHandler").Call(
		jen.Qual(m.argsPkg, "Parse"), process, jen.Qual(m.batchPkg, "Settings"),
	))
}

// sampleMap is a map literal of valid wire values for every argument.
func sampleMap(m *model) jen.Code {
	return jen.Map(jen.String()).String().Values(jen.DictFunc(func(d jen.Dict) {
		for name, v := range m.samples {
			d[jen.Lit(name)] = jen.Lit(v)
		}
	}))
}
