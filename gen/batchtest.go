package gen

import (
	"slices"

	"github.com/dave/jennifer/jen"
)

// The batch tests are the same for every schema but one: the arguments of
// the 2.0 seed event come from the schema, and so does what a bad argument
// looks like.

func tFatal(format string, args ...jen.Code) jen.Code {
	return jen.Id("t").Dot("Fatalf").Call(append([]jen.Code{jen.Lit(format)}, args...)...)
}

func tError(format string, args ...jen.Code) jen.Code {
	return jen.Id("t").Dot("Errorf").Call(append([]jen.Code{jen.Lit(format)}, args...)...)
}

func ifErr(then jen.Code) jen.Code {
	return jen.If(jen.Id("err").Op("!=").Nil()).Block(then)
}

// emitProjectTest returns internal/batch/project_test.go: the runtime with
// this project's arguments and settings. The runtime's own tests, and the
// helpers these share with them (external_test.go), come with it from
// templates/runtime/batch.
func emitProjectTest(m *model) *jen.File {
	f := newGoFile("batch_test", Scaffold, m)
	f.Comment("These tests run the project's args.Parse and Settings through Handler: the")
	f.Comment("seed events of testdata/events, arguments the schema does not have, and")
	f.Comment("the result codes scaffold.yaml lists.")
	f.Line()
	f.Add(emitReadEvent())
	f.Add(emitTestSeedEvents(m))
	f.Add(emitTestInvalidArguments(m))
	f.Add(emitTestClassify(m))
	return f
}

// emitReadEvent returns readEvent, which reads the project's sample
// events. The other helpers of the project's tests (response, invoke,
// recorder) are ordinary Go, in the runtime's external_test.go.
func emitReadEvent() jen.Code {
	return jen.Comment("readEvent reads a sample event of testdata/events.").Line().
		Func().Id("readEvent").Params(jen.Id("t").Qual(pkgTesting, "TB"), jen.Id("name").String()).Index().Byte().Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.List(jen.Id("data"), jen.Id("err")).Op(":=").Qual(pkgOS, "ReadFile").Call(jen.Qual("path/filepath", "Join").Call(jen.Lit(".."), jen.Lit(".."), jen.Lit("testdata"), jen.Lit("events"), jen.Id("name"))),
		ifErr(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
		jen.Return(jen.Id("data")),
	).Line().Line()
}

// emitTestSeedEvents returns TestSeedEvents: the 1.0 and 2.0 events of the
// AWS documentation give the tasks they describe.
func emitTestSeedEvents(m *model) jen.Code {
	batch := func(name string) *jen.Statement { return jen.Qual(m.batchPkg, name) }
	// Under 1.0 there are no arguments to send, so a project whose schema
	// requires arguments cannot succeed on the 1.0 seed.
	code1 := "Succeeded"
	for _, a := range m.spec.Args {
		if a.Required {
			code1 = "PermanentFailure"
		}
	}
	type seed struct {
		file, code, schema, bucket, arn, key, version, taskID, invocationID string
	}
	seeds := []seed{
		{"seed-1.0.json", code1, "1.0", "awsexamplebucket1", "arn:aws:s3:us-east-1:0123456788:awsexamplebucket1", "customerImage1.jpg", "1", "dGFza2lkZ29lc2hlcmUK", "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo"},
		{"seed-2.0.json", "Succeeded", "2.0", "amzn-s3-demo-bucket", "", "photos/2024/customerImage1.jpg", "", "y5R3a2lkZ29lc2hlurcS", "Jr3s8KZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZzatx7Ruy"},
	}
	var rows []jen.Code
	for _, s := range seeds {
		rows = append(rows, jen.Values(jen.Dict{
			jen.Id("file"): jen.Lit(s.file),
			jen.Id("code"): jen.Lit(s.code),
			jen.Id("task"): batch("Task").Values(jen.Dict{
				jen.Id("ID"): jen.Lit(s.taskID), jen.Id("InvocationID"): jen.Lit(s.invocationID),
				jen.Id("SchemaVersion"): jen.Lit(s.schema), jen.Id("Bucket"): jen.Lit(s.bucket),
				jen.Id("BucketARN"): jen.Lit(s.arn), jen.Id("Key"): jen.Lit(s.key), jen.Id("RawKey"): jen.Lit(s.key),
				jen.Id("VersionID"): jen.Lit(s.version),
				jen.Id("JobID"):     jen.Id("jobIDs").Index(jen.Lit(s.file)),
			}),
		}))
	}
	return jen.Var().Id("jobIDs").Op("=").Map(jen.String()).String().Values(jen.Dict{
		jen.Lit("seed-1.0.json"): jen.Lit("f3cc4f60-61f6-4a2b-8a21-d07600c373ce"),
		jen.Lit("seed-2.0.json"): jen.Lit("ry77cd60-61f6-4a2b-8a21-d07600c874gf"),
	}).Line().Line().
		Func().Id("TestSeedEvents").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Index().Struct(
			jen.Id("file").String(),
			jen.Id("code").String(),
			jen.Id("task").Qual(m.batchPkg, "Task"),
		).Values(rows...)).Block(
			jen.Id("t").Dot("Run").Call(jen.Id("tc").Dot("file"), jen.Func().Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
				jen.Var().Id("rec").Id("recorder").Index(jen.Qual(m.argsPkg, "Args")),
				jen.Id("h").Op(":=").Add(batch("NewHandler")).Call(jen.Qual(m.argsPkg, "Parse"), jen.Id("rec").Dot("process"), batch("Settings")),
				jen.Id("payload").Op(":=").Id("readEvent").Call(jen.Id("t"), jen.Id("tc").Dot("file")),
				jen.Id("resp").Op(":=").Id("invoke").Call(jen.Id("t"), jen.Id("h"), jen.Id("payload")),
				jen.If(jen.Id("resp").Dot("InvocationID").Op("!=").Id("tc").Dot("task").Dot("InvocationID").Op("||").
					Id("resp").Dot("InvocationSchemaVersion").Op("!=").Id("tc").Dot("task").Dot("SchemaVersion").Op("||").
					Id("resp").Dot("TreatMissingKeysAs").Op("!=").String().Call(batch("Settings").Dot("TreatMissingKeysAs"))).Block(
					tError("response header = %+v, want the event's invocationId and schema version echoed", jen.Id("resp")),
				),
				jen.If(jen.Len(jen.Id("resp").Dot("Results")).Op("!=").Lit(1)).Block(tFatal("%d results, want 1", jen.Len(jen.Id("resp").Dot("Results")))),
				jen.If(jen.Id("r").Op(":=").Id("resp").Dot("Results").Index(jen.Lit(0)), jen.Id("r").Dot("TaskID").Op("!=").Id("tc").Dot("task").Dot("ID").Op("||").Id("r").Dot("ResultCode").Op("!=").Id("tc").Dot("code")).Block(
					tError("result = %+v, want task %s %s", jen.Id("r"), jen.Id("tc").Dot("task").Dot("ID"), jen.Id("tc").Dot("code")),
				),
				jen.If(jen.Id("tc").Dot("code").Op("==").Lit("Succeeded")).Block(
					jen.If(jen.Len(jen.Id("rec").Dot("tasks")).Op("!=").Lit(1).Op("||").Id("rec").Dot("tasks").Index(jen.Lit(0)).Op("!=").Id("tc").Dot("task")).Block(
						tError("Process got %+v\nwant %+v", jen.Id("rec").Dot("tasks"), jen.Id("tc").Dot("task")),
					),
				),
			)),
		),
	).Line().Line()
}

// emitTestInvalidArguments returns TestInvalidArguments: bad arguments
// fail every task permanently, naming the argument, without running the
// function.
func emitTestInvalidArguments(m *model) jen.Code {
	batch := func(name string) *jen.Statement { return jen.Qual(m.batchPkg, name) }
	event := `{"invocationSchemaVersion":"2.0","invocationId":"aW52YWxpZA","job":{"id":"j","userArguments":{"NotAnArgument-zzz":"x"}},` +
		`"tasks":[{"taskId":"t1","s3Key":"a","s3VersionId":null,"s3Bucket":"b"},{"taskId":"t2","s3Key":"b","s3VersionId":null,"s3Bucket":"b"}]}`
	return jen.Func().Id("TestInvalidArguments").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.Var().Id("rec").Id("recorder").Index(jen.Qual(m.argsPkg, "Args")),
		jen.Id("h").Op(":=").Add(batch("NewHandler")).Call(jen.Qual(m.argsPkg, "Parse"), jen.Id("rec").Dot("process"), batch("Settings")),
		jen.Id("resp").Op(":=").Id("invoke").Call(jen.Id("t"), jen.Id("h"), jen.Index().Byte().Call(jen.Lit(event))),
		jen.If(jen.Len(jen.Id("rec").Dot("tasks")).Op("!=").Lit(0)).Block(tError("Process ran on %d tasks, want none", jen.Len(jen.Id("rec").Dot("tasks")))),
		jen.If(jen.Len(jen.Id("resp").Dot("Results")).Op("!=").Lit(2)).Block(tFatal("%d results, want 2", jen.Len(jen.Id("resp").Dot("Results")))),
		jen.For(jen.List(jen.Id("_"), jen.Id("r")).Op(":=").Range().Id("resp").Dot("Results")).Block(
			jen.If(jen.Id("r").Dot("ResultCode").Op("!=").Lit("PermanentFailure").Op("||").
				Op("!").Qual(pkgStrings, "HasPrefix").Call(jen.Id("r").Dot("ResultString"), jen.Lit(`invalid user arguments: argument "NotAnArgument-zzz": is not an argument`))).Block(
				tError("result = %+v, want PermanentFailure naming the argument", jen.Id("r")),
			),
		),
	).Line().Line()
}

// sdkRetryable is what aws-sdk-go-v2 (v1.47, aws/retry.DefaultRetryables)
// retries by itself, of the codes the generated TestClassify probes, as
// s3batch.md lists them. It is kept here, apart from the runtime, so that the
// expectations of the generated test do not come from the code it tests.
var sdkRetryable = map[string]bool{
	"SlowDown": true, "RequestTimeout": true, "ThrottlingException": true, "InternalError": false,
	"NoSuchKey": false, "NoSuchBucket": false, "AccessDenied": false, "InvalidObjectState": false,
}

// classifyProbes are the codes TestClassify tries besides the listed ones.
var classifyProbes = []string{"SlowDown", "RequestTimeout", "NoSuchKey", "AccessDenied"}

// expectedCode is the result code of an AWS error with code c, by the rules
// the README gives: scaffold.yaml's lists first, then the SDK's view, then
// PermanentFailure.
func expectedCode(opts Options, c string) string {
	switch {
	case slices.Contains(opts.Retry.Temporary, c):
		return "TemporaryFailure"
	case slices.Contains(opts.Retry.Permanent, c):
		return "PermanentFailure"
	case sdkRetryable[c]:
		return "TemporaryFailure"
	}
	return "PermanentFailure"
}

// emitTestClassify returns TestClassify: AWS errors with the codes
// scaffold.yaml lists and a few others, bare and after the SDK's last
// attempt, classified as the README's order says, and explicit marks
// winning over the lists. The expectations are worked out here.
func emitTestClassify(m *model) jen.Code {
	var codes []string
	for _, c := range slices.Concat(m.opts.Retry.Temporary, m.opts.Retry.Permanent, classifyProbes) {
		if !slices.Contains(codes, c) {
			codes = append(codes, c)
		}
	}
	apiErr := func(c string) *jen.Statement {
		return jen.Op("&").Qual(pkgSmithy, "GenericAPIError").Values(jen.Dict{jen.Id("Code"): jen.Lit(c), jen.Id("Message"): jen.Lit("message")})
	}
	var rows []jen.Code
	row := func(name string, err jen.Code, want string) {
		rows = append(rows, jen.Values(jen.Lit(name), err, jen.Qual(m.batchPkg, want)))
	}
	for _, c := range codes {
		want := expectedCode(m.opts, c)
		row(c, apiErr(c), want)
		row(c+" after the SDK's last attempt", jen.Op("&").Qual(pkgRetry, "MaxAttemptsError").Values(jen.Dict{jen.Id("Attempt"): jen.Lit(3), jen.Id("Err"): apiErr(c)}), want)
	}
	for _, c := range m.opts.Retry.Temporary {
		row("Permanent beats the list: "+c, jen.Qual(m.batchPkg, "Permanent").Call(apiErr(c)), "PermanentFailure")
	}
	for _, c := range m.opts.Retry.Permanent {
		row("Temporary beats the list: "+c, jen.Qual(m.batchPkg, "Temporary").Call(apiErr(c)), "TemporaryFailure")
	}
	return jen.Comment("TestClassify checks Settings against scaffold.yaml's retry lists: a listed").Line().
		Comment("code is classified as listed, over the SDK's own view; explicit marks win.").Line().
		Func().Id("TestClassify").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Index().Struct(
			jen.Id("name").String(), jen.Id("err").Error(), jen.Id("want").Qual(m.batchPkg, "Code"),
		).Values(rows...)).Block(
			jen.If(jen.Id("got").Op(":=").Qual(m.batchPkg, "Settings").Dot("Classify").Call(jen.Qual(pkgContext, "Background").Call(), jen.Id("tc").Dot("err")), jen.Id("got").Op("!=").Id("tc").Dot("want")).Block(
				tError("%s: Classify = %s, want %s", jen.Id("tc").Dot("name"), jen.Id("got"), jen.Id("tc").Dot("want")),
			),
		),
	)
}
