package gen

import (
	"github.com/dave/jennifer/jen"
)

// emitBenchTest returns internal/batch/bench_test.go: the handler's cost per
// invocation of the 2.0 seed event, beside aws-lambda-go's typed path doing
// the same work, so that both are measured in one run.
func emitBenchTest(m *model) *jen.File {
	f := newGoFile("batch_test", Scaffold, m)
	f.Comment("These benchmarks compare Handler.Invoke on the 2.0 seed event with")
	f.Comment("aws-lambda-go's reflection-based path (lambda.NewHandler with")
	f.Comment("events.S3BatchJobEventV2) doing the same work: decode, unescape each key,")
	f.Comment("answer one result per task.")
	f.Line()
	bench := func(name string, h jen.Code) {
		f.Func().Id(name).Params(jen.Id("b").Op("*").Qual(pkgTesting, "B")).Block(
			jen.Id("payload").Op(":=").Id("readEvent").Call(jen.Id("b"), jen.Lit("seed-2.0.json")),
			jen.Id("h").Op(":=").Add(h),
			jen.Comment("Lambda always gives the function a deadline."),
			jen.List(jen.Id("ctx"), jen.Id("cancel")).Op(":=").Qual(pkgContext, "WithTimeout").Call(jen.Qual(pkgContext, "Background").Call(), jen.Qual(pkgTime, "Hour")),
			jen.Defer().Id("cancel").Call(),
			jen.Id("b").Dot("ReportAllocs").Call(),
			jen.For(jen.Id("b").Dot("Loop").Call()).Block(
				jen.If(jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("h").Dot("Invoke").Call(jen.Id("ctx"), jen.Id("payload")), jen.Id("err").Op("!=").Nil()).Block(jen.Id("b").Dot("Fatal").Call(jen.Id("err"))),
			),
		)
		f.Line()
	}
	bench("BenchmarkInvoke", jen.Id("newHandler").Call(jen.Func().Params(jen.Qual(pkgContext, "Context"), jen.Qual(m.batchPkg, "Task"), jen.Qual(m.argsPkg, "Args")).Params(jen.String(), jen.Error()).Block(
		jen.Return(jen.Lit("ok"), jen.Nil()),
	)))
	ev := jen.Id("ev")
	bench("BenchmarkTypedBaseline", jen.Qual(pkgLambda, "NewHandler").Call(jen.Func().Params(jen.Id("_").Qual(pkgContext, "Context"), jen.Add(ev).Qual(pkgEvents, "S3BatchJobEventV2")).Params(jen.Qual(pkgEvents, "S3BatchJobResponse"), jen.Error()).Block(
		jen.Id("results").Op(":=").Make(jen.Index().Qual(pkgEvents, "S3BatchJobResult"), jen.Len(jen.Id("ev").Dot("Tasks"))),
		jen.For(jen.List(jen.Id("i"), jen.Id("t")).Op(":=").Range().Id("ev").Dot("Tasks")).Block(
			jen.List(jen.Id("key"), jen.Id("err")).Op(":=").Qual(pkgURL, "QueryUnescape").Call(jen.Id("t").Dot("S3Key")),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Qual(pkgEvents, "S3BatchJobResponse").Values(), jen.Id("err"))),
			jen.Id("results").Index(jen.Id("i")).Op("=").Qual(pkgEvents, "S3BatchJobResult").Values(jen.Dict{
				jen.Id("TaskID"): jen.Id("t").Dot("TaskID"), jen.Id("ResultCode"): jen.Lit("Succeeded"), jen.Id("ResultString"): jen.Id("key"),
			}),
		),
		jen.Return(jen.Qual(pkgEvents, "S3BatchJobResponse").Values(jen.Dict{
			jen.Id("InvocationSchemaVersion"): jen.Id("ev").Dot("InvocationSchemaVersion"),
			jen.Id("TreatMissingKeysAs"):      jen.Lit("PermanentFailure"),
			jen.Id("InvocationID"):            jen.Id("ev").Dot("InvocationID"),
			jen.Id("Results"):                 jen.Id("results"),
		}), jen.Nil()),
	)))
	return f
}
