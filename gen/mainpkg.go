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

// emitFunction returns the starter function.go, which the user owns.
func emitFunction(m *model) *jen.File {
	f := newGoFile("main", User, m)
	f.Comment("This file is yours: scaffold wrote it once and never changes it. Put the")
	f.Comment("function's work in Process.")
	f.Line()
	f.Comment("Function holds what lives across invocations in one execution environment:")
	f.Comment("clients, configuration, caches. Create them in NewFunction.")
	f.Type().Id("Function").Struct(
		jen.Comment("s3 *s3.Client"),
	)
	f.Line()
	for _, line := range []string{
		"NewFunction runs once per execution environment (a cold start), before",
		"the first task.",
		"",
		"To call S3, create the client here, once, and keep it in Function:",
		"",
		"\tcfg, err := config.LoadDefaultConfig(ctx)",
		"\tif err != nil {",
		"\t\treturn nil, err",
		"\t}",
		"\treturn &Function{s3: s3.NewFromConfig(cfg)}, nil",
		"",
		"after go get github.com/aws/aws-sdk-go-v2/config github.com/aws/aws-sdk-go-v2/service/s3.",
	} {
		f.Comment(line)
	}
	f.Func().Id("NewFunction").Params(jen.Id("ctx").Qual(pkgContext, "Context")).Params(jen.Op("*").Id("Function"), jen.Error()).Block(
		jen.Return(jen.Op("&").Id("Function").Values(), jen.Nil()),
	)
	f.Line()
	for _, line := range []string{
		"Process handles one task: one object of the job, with the job's arguments.",
		"The string it returns goes to the completion report (up to 1,024 characters).",
		"",
		"Return batch.Temporary(err) for a failure worth another attempt, and",
		"batch.Permanent(err) for one that is not. Other errors are classified for",
		"you: throttling (SlowDown), timeouts and 5xx are temporary, NoSuchKey and",
		"AccessDenied permanent; see batch.Config.Classify. The handler logs every",
		"task that does not succeed, with its reason; do not log it again.",
		"",
		"To log, use batch.Logger(ctx): it carries the task's jobId, taskId, bucket,",
		"key and versionId, and its Context methods add the requestId:",
		"",
		"\tbatch.Logger(ctx).InfoContext(ctx, \"copying\", \"size\", size)",
		"",
		"Log argument values only if they are not secrets.",
		"",
		"For example, with the S3 client from NewFunction:",
		"",
		"\tout, err := f.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &task.Bucket, Key: &task.Key})",
		"\tif err != nil {",
		"\t\treturn \"\", err",
		"\t}",
		"\treturn fmt.Sprintf(\"%d bytes\", *out.ContentLength), nil",
	} {
		f.Comment(line)
	}
	params := []jen.Code{jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("task").Qual(m.batchPkg, "Task"), jen.Id("a").Qual(m.argsPkg, "Args")}
	if m.task != nil {
		f.Comment("")
		f.Comment("p holds the parameters the task's key carries, decoded and checked.")
		params = append(params, jen.Id("p").Qual(m.paramsPkg, "Params"))
	}
	f.Func().Params(jen.Id("f").Op("*").Id("Function")).Id("Process").Params(params...).Params(jen.String(), jen.Error()).BlockFunc(func(g *jen.Group) {
		if m.task != nil {
			g.List(jen.Id("params"), jen.Id("err")).Op(":=").Qual(pkgJSON, "Marshal").Call(jen.Id("p"))
			g.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return(jen.Lit(""), jen.Id("err")))
			g.Return(jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit("processed s3://%s with %s"), jen.Id("task").Dot("Bucket"), jen.Id("params")), jen.Nil())
			return
		}
		g.Id("object").Op(":=").Qual(pkgFmt, "Sprintf").Call(jen.Lit("s3://%s/%s"), jen.Id("task").Dot("Bucket"), jen.Id("task").Dot("Key"))
		g.If(jen.Id("task").Dot("VersionID").Op("!=").Lit("")).Block(
			jen.Id("object").Op("+=").Lit("?versionId=").Op("+").Id("task").Dot("VersionID"),
		)
		g.Return(jen.Lit("processed ").Op("+").Id("object"), jen.Nil())
	})
	return f
}

// emitFunctionTest returns the starter function_test.go, which the user owns.
func emitFunctionTest(m *model) *jen.File {
	f := newGoFile("main", User, m)
	f.Comment("This file is yours, like function.go: a starting point for testing Process.")
	f.Line()
	key, rawKey := jen.Lit("photos/cat 1.jpg"), jen.Lit("photos/cat+1.jpg")
	call := []jen.Code{jen.Id("ctx"), jen.Id("task"), jen.Id("a")}
	var decode []jen.Code
	want := jen.Id("task").Dot("Key")
	if m.task != nil {
		sample := m.task.SampleTask()
		key, rawKey = jen.Lit(sample), jen.Qual(pkgURL, "QueryEscape").Call(jen.Lit(sample))
		decode = []jen.Code{
			jen.List(jen.Id("p"), jen.Id("err")).Op(":=").Qual(m.paramsPkg, "Decode").Call(jen.Id("task").Dot("Key")),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
		}
		call = append(call, jen.Id("p"))
		want = jen.Id("task").Dot("Bucket")
	}
	f.Func().Id("TestProcess").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).BlockFunc(func(g *jen.Group) {
		g.Id("ctx").Op(":=").Qual(pkgContext, "Background").Call()
		g.List(jen.Id("f"), jen.Id("err")).Op(":=").Id("NewFunction").Call(jen.Id("ctx"))
		g.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err")))
		g.List(jen.Id("a"), jen.Id("err")).Op(":=").Qual(m.argsPkg, "Parse").Call(sampleMap(m))
		g.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err")))
		g.Id("task").Op(":=").Qual(m.batchPkg, "Task").Values(jen.Dict{
			jen.Id("ID"):            jen.Lit("dGFza2lkZ29lc2hlcmUK"),
			jen.Id("SchemaVersion"): jen.Lit(m.opts.InvocationSchemaVersion),
			jen.Id("Bucket"):        jen.Lit("amzn-s3-demo-bucket"),
			jen.Id("Key"):           key,
			jen.Id("RawKey"):        rawKey,
		})
		for _, c := range decode {
			g.Add(c)
		}
		g.List(jen.Id("got"), jen.Id("err")).Op(":=").Id("f").Dot("Process").Call(call...)
		g.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("Process: %v"), jen.Id("err")))
		g.If(jen.Op("!").Qual(pkgStrings, "Contains").Call(jen.Id("got"), want)).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("Process = %q, want the result to name %q"), jen.Id("got"), want),
		)
	})
	return f
}

// sampleMap is a map literal of valid wire values for every argument.
func sampleMap(m *model) jen.Code {
	return jen.Map(jen.String()).String().Values(jen.DictFunc(func(d jen.Dict) {
		for name, v := range m.samples {
			d[jen.Lit(name)] = jen.Lit(v)
		}
	}))
}
