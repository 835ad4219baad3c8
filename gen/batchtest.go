package gen

import (
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

// emitHandlerTest returns internal/batch/handler_test.go.
func emitHandlerTest(m *model) *jen.File {
	f := newGoFile("batch_test", Scaffold, m)
	f.Comment("These tests drive Handler.Invoke with the seed events of the AWS")
	f.Comment("documentation (testdata/events) and with edge cases, and check the bytes of")
	f.Comment("the response: one result per task, in order, with the right code.")
	f.Line()
	f.Add(emitHandlerTestHelpers(m))
	f.Add(emitTestSeedEvents(m))
	f.Add(emitTestKeys(m))
	f.Add(emitTestInvalidArguments(m))
	f.Add(emitTestPanicAndDeadline(m))
	f.Add(emitTestBadPayloads(m))
	f.Add(emitFuzzInvoke(m))
	return f
}

// emitHandlerTestHelpers returns the wire types the tests decode responses
// into, readEvent, and a recording process function.
func emitHandlerTestHelpers(m *model) jen.Code {
	return jen.Comment("response is the response as S3 reads it.").Line().
		Type().Id("response").Struct(
		jen.Id("InvocationSchemaVersion").String().Tag(tag("invocationSchemaVersion")),
		jen.Id("TreatMissingKeysAs").String().Tag(tag("treatMissingKeysAs")),
		jen.Id("InvocationID").String().Tag(tag("invocationId")),
		jen.Id("Results").Index().Struct(
			jen.Id("TaskID").String().Tag(tag("taskId")),
			jen.Id("ResultCode").String().Tag(tag("resultCode")),
			jen.Id("ResultString").String().Tag(tag("resultString")),
		).Tag(tag("results")),
	).Line().Line().
		Comment("readEvent reads a sample event of testdata/events.").Line().
		Func().Id("readEvent").Params(jen.Id("t").Qual(pkgTesting, "TB"), jen.Id("name").String()).Index().Byte().Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.List(jen.Id("data"), jen.Id("err")).Op(":=").Qual(pkgOS, "ReadFile").Call(jen.Qual("path/filepath", "Join").Call(jen.Lit(".."), jen.Lit(".."), jen.Lit("testdata"), jen.Lit("events"), jen.Id("name"))),
		ifErr(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
		jen.Return(jen.Id("data")),
	).Line().Line().
		Comment("invoke runs h on payload and decodes the response, failing t on an error.").Line().
		Func().Id("invoke").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T"), jen.Id("h").Qual(pkgLambda, "Handler"), jen.Id("payload").Index().Byte()).Id("response").Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.List(jen.Id("out"), jen.Id("err")).Op(":=").Id("h").Dot("Invoke").Call(jen.Qual(pkgContext, "Background").Call(), jen.Id("payload")),
		ifErr(tFatal("Invoke: %v", jen.Id("err"))),
		jen.Var().Id("resp").Id("response"),
		jen.Id("dec").Op(":=").Qual(pkgJSON, "NewDecoder").Call(jen.Qual("bytes", "NewReader").Call(jen.Id("out"))),
		jen.Id("dec").Dot("DisallowUnknownFields").Call(),
		jen.If(jen.Id("err").Op(":=").Id("dec").Dot("Decode").Call(jen.Op("&").Id("resp")), jen.Id("err").Op("!=").Nil()).Block(
			tFatal("response %s: %v", jen.Id("out"), jen.Id("err")),
		),
		jen.Return(jen.Id("resp")),
	).Line().Line().
		Comment("recorder is a process function that records its tasks and answers").Line().
		Comment("\"done \" and the key.").Line().
		Type().Id("recorder").Struct(jen.Id("tasks").Index().Qual(m.batchPkg, "Task")).Line().Line().
		Func().Params(jen.Id("r").Op("*").Id("recorder")).Id("process").Params(jen.Id("_").Qual(pkgContext, "Context"), jen.Id("task").Qual(m.batchPkg, "Task"), jen.Id("_").Qual(m.argsPkg, "Args")).Params(jen.String(), jen.Error()).Block(
		jen.Id("r").Dot("tasks").Op("=").Append(jen.Id("r").Dot("tasks"), jen.Id("task")),
		jen.Return(jen.Lit("done ").Op("+").Id("task").Dot("Key"), jen.Nil()),
	).Line().Line().
		Comment("newHandler returns a Handler of process with the project's arguments and").Line().
		Comment("settings.").Line().
		Func().Id("newHandler").Params(jen.Id("process").Qual(m.batchPkg, "ProcessFunc").Types(jen.Qual(m.argsPkg, "Args"))).Op("*").Qual(m.batchPkg, "Handler").Types(jen.Qual(m.argsPkg, "Args")).Block(
		jen.Return(jen.Qual(m.batchPkg, "NewHandler").Call(jen.Qual(m.argsPkg, "Parse"), jen.Id("process"), jen.Qual(m.batchPkg, "Settings"))),
	).Line().Line().
		Comment("countingParse is args.Parse, counting its calls.").Line().
		Func().Id("countingParse").Params(jen.Id("n").Op("*").Int()).Func().Params(jen.Map(jen.String()).String()).Params(jen.Qual(m.argsPkg, "Args"), jen.Error()).Block(
		jen.Return(jen.Func().Params(jen.Id("m").Map(jen.String()).String()).Params(jen.Qual(m.argsPkg, "Args"), jen.Error()).Block(
			jen.Op("*").Id("n").Op("++"),
			jen.Return(jen.Qual(m.argsPkg, "Parse").Call(jen.Id("m"))),
		)),
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
				jen.Var().Id("rec").Id("recorder"),
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

// emitTestKeys returns TestKeys: keys are decoded as unquote_plus does,
// null and real version ids arrive, a key that cannot be decoded fails
// alone, and the arguments are parsed once for all tasks.
func emitTestKeys(m *model) jen.Code {
	batch := func(name string) *jen.Statement { return jen.Qual(m.batchPkg, name) }
	return jen.Func().Id("TestKeys").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.Var().Id("rec").Id("recorder"),
		jen.Var().Id("parses").Int(),
		jen.Id("h").Op(":=").Add(batch("NewHandler")).Call(jen.Id("countingParse").Call(jen.Op("&").Id("parses")), jen.Id("rec").Dot("process"), batch("Settings")),
		jen.Id("resp").Op(":=").Id("invoke").Call(jen.Id("t"), jen.Id("h"), jen.Id("readEvent").Call(jen.Id("t"), jen.Lit("keys-2.0.json"))),
		jen.If(jen.Id("parses").Op("!=").Lit(1)).Block(tError("arguments parsed %d times, want once per invocation", jen.Id("parses"))),
		jen.Id("want").Op(":=").Index().Struct(jen.List(jen.Id("id"), jen.Id("code"), jen.Id("result")).String()).Values(
			jen.Values(jen.Lit("dGFzay1wbHVz"), jen.Lit("Succeeded"), jen.Lit("done my key+1.txt")),
			jen.Values(jen.Lit("dGFzay11dGY4"), jen.Lit("Succeeded"), jen.Lit("done café/写真.jpg")),
			jen.Values(jen.Lit("dGFzay1iYWQ"), jen.Lit("PermanentFailure"), jen.Lit(`s3Key "bad%zz" is not URL-encoded: invalid URL escape "%zz"`)),
		),
		jen.If(jen.Len(jen.Id("resp").Dot("Results")).Op("!=").Len(jen.Id("want"))).Block(tFatal("%d results, want %d", jen.Len(jen.Id("resp").Dot("Results")), jen.Len(jen.Id("want")))),
		jen.For(jen.List(jen.Id("i"), jen.Id("w")).Op(":=").Range().Id("want")).Block(
			jen.If(jen.Id("r").Op(":=").Id("resp").Dot("Results").Index(jen.Id("i")), jen.Id("r").Dot("TaskID").Op("!=").Id("w").Dot("id").Op("||").Id("r").Dot("ResultCode").Op("!=").Id("w").Dot("code").Op("||").Id("r").Dot("ResultString").Op("!=").Id("w").Dot("result")).Block(
				tError("result %d = %+v, want %+v", jen.Id("i"), jen.Id("r"), jen.Id("w")),
			),
		),
		jen.If(jen.Len(jen.Id("rec").Dot("tasks")).Op("!=").Lit(2)).Block(tFatal("Process ran %d times, want 2", jen.Len(jen.Id("rec").Dot("tasks")))),
		jen.If(jen.List(jen.Id("got"), jen.Id("want")).Op(":=").List(jen.Id("rec").Dot("tasks").Index(jen.Lit(1)), jen.Lit("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY")), jen.Id("got").Dot("VersionID").Op("!=").Id("want").Op("||").Id("got").Dot("RawKey").Op("!=").Lit("caf%C3%A9/%E5%86%99%E7%9C%9F.jpg")).Block(
			tError("task = %+v, want version %s and the raw key kept", jen.Id("got"), jen.Id("want")),
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
		jen.Var().Id("rec").Id("recorder"),
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

// emitTestPanicAndDeadline returns TestPanic and TestResultLength (the soft
// deadline's tests are in deadline_test.go).
func emitTestPanicAndDeadline(m *model) jen.Code {
	return jen.Comment("event2 is a 2.0 event with one task per key and the seed's arguments.").Line().
		Func().Id("event2").Params(jen.Id("t").Qual(pkgTesting, "TB"), jen.Id("keys").Op("...").String()).Index().Byte().Block(
		jen.Var().Id("ev").Map(jen.String()).Any(),
		jen.If(jen.Id("err").Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("readEvent").Call(jen.Id("t"), jen.Lit("seed-2.0.json")), jen.Op("&").Id("ev")), jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
		jen.Var().Id("tasks").Index().Any(),
		jen.For(jen.List(jen.Id("i"), jen.Id("k")).Op(":=").Range().Id("keys")).Block(
			jen.Id("tasks").Op("=").Append(jen.Id("tasks"), jen.Map(jen.String()).Any().Values(jen.Dict{
				jen.Lit("taskId"): jen.Qual(pkgFmt, "Sprint").Call(jen.Lit("task"), jen.Id("i")),
				jen.Lit("s3Key"):  jen.Id("k"), jen.Lit("s3VersionId"): jen.Nil(), jen.Lit("s3Bucket"): jen.Lit("amzn-s3-demo-bucket"),
			})),
		),
		jen.Id("ev").Index(jen.Lit("tasks")).Op("=").Id("tasks"),
		jen.List(jen.Id("data"), jen.Id("err")).Op(":=").Qual(pkgJSON, "Marshal").Call(jen.Id("ev")),
		ifErr(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
		jen.Return(jen.Id("data")),
	).Line().Line().
		Func().Id("TestPanic").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.Id("h").Op(":=").Id("newHandler").Call(jen.Func().Params(jen.Id("_").Qual(pkgContext, "Context"), jen.Id("task").Qual(m.batchPkg, "Task"), jen.Id("_").Qual(m.argsPkg, "Args")).Params(jen.String(), jen.Error()).Block(
			jen.If(jen.Id("task").Dot("Key").Op("==").Lit("boom")).Block(jen.Panic(jen.Lit("boom"))),
			jen.Return(jen.Lit("ok"), jen.Nil()),
		)),
		jen.Id("resp").Op(":=").Id("invoke").Call(jen.Id("t"), jen.Id("h"), jen.Id("event2").Call(jen.Id("t"), jen.Lit("a"), jen.Lit("boom"), jen.Lit("c"))),
		jen.Id("codes").Op(":=").Index().String().Values(),
		jen.For(jen.List(jen.Id("_"), jen.Id("r")).Op(":=").Range().Id("resp").Dot("Results")).Block(jen.Id("codes").Op("=").Append(jen.Id("codes"), jen.Id("r").Dot("ResultCode").Op("+").Lit(" ").Op("+").Id("r").Dot("ResultString"))),
		jen.If(jen.Id("want").Op(":=").Index().String().Values(jen.Lit("Succeeded ok"), jen.Lit("PermanentFailure panic: boom"), jen.Lit("Succeeded ok")), jen.Op("!").Qual(pkgSlices, "Equal").Call(jen.Id("codes"), jen.Id("want"))).Block(
			tError("results = %q, want %q", jen.Id("codes"), jen.Id("want")),
		),
	).Line().Line().
		Func().Id("TestResultLength").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.Comment("A long result with a broken byte and two-byte characters: cut to at most"),
		jen.Comment("MaxResultLength bytes, valid UTF-8, never in the middle of a character."),
		jen.Id("long").Op(":=").Lit("\xff").Op("+").Qual(pkgStrings, "Repeat").Call(jen.Lit("é"), jen.Lit(2000)),
		jen.Id("h").Op(":=").Id("newHandler").Call(jen.Func().Params(jen.Qual(pkgContext, "Context"), jen.Qual(m.batchPkg, "Task"), jen.Qual(m.argsPkg, "Args")).Params(jen.String(), jen.Error()).Block(
			jen.Return(jen.Id("long"), jen.Nil()),
		)),
		jen.Id("r").Op(":=").Id("invoke").Call(jen.Id("t"), jen.Id("h"), jen.Id("event2").Call(jen.Id("t"), jen.Lit("a"))).Dot("Results").Index(jen.Lit(0)),
		jen.If(jen.Id("n").Op(":=").Len(jen.Id("r").Dot("ResultString")), jen.Id("n").Op(">").Qual(m.batchPkg, "MaxResultLength").Op("||").Id("n").Op("<").Qual(m.batchPkg, "MaxResultLength").Op("-").Lit(3).Op("||").Op("!").Qual(pkgUTF8, "ValidString").Call(jen.Id("r").Dot("ResultString"))).Block(
			tError("result string of %d bytes (valid UTF-8: %v), want at most %d and valid", jen.Id("n"), jen.Qual(pkgUTF8, "ValidString").Call(jen.Id("r").Dot("ResultString")), jen.Qual(m.batchPkg, "MaxResultLength")),
		),
		jen.If(jen.Op("!").Qual(pkgStrings, "HasPrefix").Call(jen.Id("r").Dot("ResultString"), jen.Lit("\uFFFDéé"))).Block(tError("result string starts %q, want the broken byte replaced", jen.Id("r").Dot("ResultString").Index(jen.Empty(), jen.Lit(8)))),
	).Line().Line()
}

// emitTestBadPayloads returns TestBadPayloads: what is not an event is a
// function error; an event without tasks is answered with no results.
func emitTestBadPayloads(m *model) jen.Code {
	return jen.Func().Id("TestBadPayloads").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.Id("h").Op(":=").Id("newHandler").Call(jen.Nil()),
		jen.For(jen.List(jen.Id("_"), jen.Id("payload")).Op(":=").Range().Index().String().Values(
			jen.Lit(`not json`),
			jen.Lit(`[]`),
			jen.Lit(`{"invocationSchemaVersion":"2.0","tasks":[]}`),
			jen.Lit(`{"invocationSchemaVersion":"3.0","invocationId":"x","tasks":[]}`),
			jen.Lit(`{"invocationSchemaVersion":"2.0","invocationId":"x","tasks":[{"taskId":1}]}`),
		)).Block(
			jen.If(jen.List(jen.Id("out"), jen.Id("err")).Op(":=").Id("h").Dot("Invoke").Call(jen.Qual(pkgContext, "Background").Call(), jen.Index().Byte().Call(jen.Id("payload"))), jen.Id("err").Op("==").Nil()).Block(
				tError("Invoke(%s) = %s, want an error", jen.Id("payload"), jen.Id("out")),
			),
		),
		jen.Id("resp").Op(":=").Id("invoke").Call(jen.Id("t"), jen.Id("h"), jen.Index().Byte().Call(jen.Lit(`{"invocationSchemaVersion":"2.0","invocationId":"x","job":{"id":"j"},"tasks":[]}`))),
		jen.If(jen.Id("resp").Dot("Results").Op("==").Nil().Op("||").Len(jen.Id("resp").Dot("Results")).Op("!=").Lit(0)).Block(tError("results = %#v, want []", jen.Id("resp").Dot("Results"))),
		jen.Line().Comment("A task without a bucket or key fails alone."),
		jen.Id("resp").Op("=").Id("invoke").Call(jen.Id("t"), jen.Id("h"), jen.Index().Byte().Call(jen.Lit(`{"invocationSchemaVersion":"1.0","invocationId":"x","job":{"id":"j"},"tasks":[{"taskId":"a","s3Key":"k"},{"taskId":"b","s3BucketArn":"arn:aws:s3:::b"}]}`))),
		jen.If(jen.Len(jen.Id("resp").Dot("Results")).Op("!=").Lit(2).Op("||").Id("resp").Dot("Results").Index(jen.Lit(0)).Dot("ResultString").Op("!=").Lit("the task has no s3Bucket or s3BucketArn").Op("||").Id("resp").Dot("Results").Index(jen.Lit(1)).Dot("ResultString").Op("!=").Lit("the task has no s3Key")).Block(
			tError("results = %+v, want each task failed with its reason", jen.Id("resp").Dot("Results")),
		),
	).Line().Line()
}

// emitFuzzInvoke returns FuzzInvoke: whatever the payload, Invoke answers
// one result per task or returns an error, and never panics.
func emitFuzzInvoke(m *model) jen.Code {
	return jen.Func().Id("FuzzInvoke").Params(jen.Id("f").Op("*").Qual(pkgTesting, "F")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("name")).Op(":=").Range().Index().String().Values(jen.Lit("seed-1.0.json"), jen.Lit("seed-2.0.json"), jen.Lit("keys-2.0.json"))).Block(
			jen.Id("f").Dot("Add").Call(jen.Id("readEvent").Call(jen.Id("f"), jen.Id("name"))),
		),
		jen.Id("f").Dot("Add").Call(jen.Index().Byte().Call(jen.Lit(`{"invocationSchemaVersion":"2.0","invocationId":"x","job":{"userArguments":{"a":"b"}},"tasks":[{"taskId":"t","s3Key":"%","s3Bucket":""}]}`))),
		jen.Id("h").Op(":=").Id("newHandler").Call(jen.Func().Params(jen.Qual(pkgContext, "Context"), jen.Qual(m.batchPkg, "Task"), jen.Qual(m.argsPkg, "Args")).Params(jen.String(), jen.Error()).Block(jen.Return(jen.Lit("ok"), jen.Nil()))),
		jen.Id("f").Dot("Fuzz").Call(jen.Func().Params(jen.Id("t").Op("*").Qual(pkgTesting, "T"), jen.Id("payload").Index().Byte()).Block(
			jen.List(jen.Id("out"), jen.Id("err")).Op(":=").Id("h").Dot("Invoke").Call(jen.Qual(pkgContext, "Background").Call(), jen.Id("payload")),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return()),
			jen.Var().Id("in").Struct(jen.Id("Tasks").Index().Qual(pkgJSON, "RawMessage").Tag(tag("tasks"))),
			jen.If(jen.Id("err").Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("payload"), jen.Op("&").Id("in")), jen.Id("err").Op("!=").Nil()).Block(
				tFatal("Invoke accepted a payload encoding/json rejects: %v", jen.Id("err")),
			),
			jen.Var().Id("resp").Id("response"),
			jen.If(jen.Id("err").Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("out"), jen.Op("&").Id("resp")), jen.Id("err").Op("!=").Nil()).Block(
				tFatal("response is not JSON: %v\n%s", jen.Id("err"), jen.Id("out")),
			),
			jen.If(jen.Len(jen.Id("resp").Dot("Results")).Op("!=").Len(jen.Id("in").Dot("Tasks"))).Block(
				tFatal("%d results for %d tasks", jen.Len(jen.Id("resp").Dot("Results")), jen.Len(jen.Id("in").Dot("Tasks"))),
			),
			jen.For(jen.List(jen.Id("_"), jen.Id("r")).Op(":=").Range().Id("resp").Dot("Results")).Block(
				jen.Switch(jen.Id("r").Dot("ResultCode")).Block(
					jen.Case(jen.Lit("Succeeded"), jen.Lit("TemporaryFailure"), jen.Lit("PermanentFailure")),
					jen.Default().Block(tFatal("result code %q", jen.Id("r").Dot("ResultCode"))),
				),
				jen.If(jen.Len(jen.Id("r").Dot("ResultString")).Op(">").Qual(m.batchPkg, "MaxResultLength")).Block(tFatal("result string of %d bytes", jen.Len(jen.Id("r").Dot("ResultString")))),
			),
		)),
	)
}

// emitDeadlineTest returns internal/batch/deadline_test.go: the soft
// deadline, tested with the test's clock rather than by racing a timer.
func emitDeadlineTest(m *model) *jen.File {
	f := newGoFile("batch", Scaffold, m)
	f.Comment("These tests protect the soft deadline without racing the scheduler: the")
	f.Comment("handler's clock is the test's, so the deadline it asks for is checked")
	f.Comment("exactly, and that deadline passes when the test says so rather than when a")
	f.Comment("timer fires on a machine that may be busy.")
	f.Line()
	f.Add(emitTestSoftDeadlineAt())
	f.Add(emitTestSoftDeadline())
	return f
}

// emitTestSoftDeadlineAt returns TestSoftDeadlineAt: the margin, or a fifth
// of the time left when that is less.
func emitTestSoftDeadlineAt() jen.Code {
	d := func(n int, unit string) jen.Code { return jen.Lit(n).Op("*").Qual(pkgTime, unit) }
	return jen.Func().Id("TestSoftDeadlineAt").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.Id("deadline").Op(":=").Qual(pkgTime, "Date").Call(jen.Lit(2024), jen.Lit(5), jen.Lit(1), jen.Lit(12), jen.Lit(0), jen.Lit(0), jen.Lit(0), jen.Qual(pkgTime, "UTC")),
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Index().Struct(
			jen.List(jen.Id("left"), jen.Id("margin"), jen.Id("want")).Qual(pkgTime, "Duration").Comment("want: how long before the deadline"),
		).Values(
			jen.Values(d(15, "Minute"), d(2, "Second"), d(2, "Second")),
			jen.Values(d(500, "Millisecond"), d(2, "Second"), d(100, "Millisecond")),
			jen.Values(jen.Qual(pkgTime, "Minute"), jen.Lit(0), jen.Lit(0)),
		)).Block(
			jen.If(jen.Id("got").Op(":=").Id("softDeadlineAt").Call(jen.Id("deadline"), jen.Id("deadline").Dot("Add").Call(jen.Op("-").Id("tc").Dot("left")), jen.Id("tc").Dot("margin")), jen.Op("!").Id("got").Dot("Equal").Call(jen.Id("deadline").Dot("Add").Call(jen.Op("-").Id("tc").Dot("want")))).Block(
				tError("%v left, margin %v: the soft deadline is %v before the deadline, want %v", jen.Id("tc").Dot("left"), jen.Id("tc").Dot("margin"), jen.Id("deadline").Dot("Sub").Call(jen.Id("got")), jen.Id("tc").Dot("want")),
			),
		),
	).Line().Line()
}

// emitTestSoftDeadline returns TestSoftDeadline: a function that ignores
// its context and never returns is answered TemporaryFailure once the
// soft deadline passes, and so is the task after it.
func emitTestSoftDeadline() jen.Code {
	payload := `{"invocationSchemaVersion":"2.0","invocationId":"x","job":{"id":"j"},"tasks":[` +
		`{"taskId":"1","s3Key":"fast","s3Bucket":"b"},{"taskId":"2","s3Key":"slow","s3Bucket":"b"},{"taskId":"3","s3Key":"after","s3Bucket":"b"}]}`
	ctxType := jen.Qual(pkgContext, "Context")
	return jen.Func().Id("TestSoftDeadline").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.Comment("The function ignores its context and never returns on \"slow\". Once the"),
		jen.Comment("soft deadline passes, the handler must answer at once: \"slow\", and \"after\""),
		jen.Comment("that never starts, are TemporaryFailures."),
		jen.Id("block").Op(":=").Make(jen.Chan().Struct()),
		jen.Defer().Close(jen.Id("block")),
		jen.Id("started").Op(":=").Make(jen.Chan().Struct()),
		jen.Var().Id("ran").Index().String(),
		jen.Id("parse").Op(":=").Func().Params(jen.Map(jen.String()).String()).Params(jen.Struct(), jen.Error()).Block(jen.Return(jen.Struct().Values(), jen.Nil())),
		jen.Id("h").Op(":=").Id("NewHandler").Call(jen.Id("parse"), jen.Func().Params(jen.Id("_").Add(ctxType.Clone()), jen.Id("task").Id("Task"), jen.Id("_").Struct()).Params(jen.String(), jen.Error()).Block(
			jen.Id("ran").Op("=").Append(jen.Id("ran"), jen.Id("task").Dot("Key")),
			jen.If(jen.Id("task").Dot("Key").Op("==").Lit("slow")).Block(
				jen.Close(jen.Id("started")),
				jen.Op("<-").Id("block"),
			),
			jen.Return(jen.Lit("ok"), jen.Nil()),
		), jen.Id("Config").Values(jen.Dict{jen.Id("TreatMissingKeysAs"): jen.Id("PermanentFailure"), jen.Id("SoftDeadlineMargin"): jen.Lit(2).Op("*").Qual(pkgTime, "Second")})),
		jen.Line().Comment("The invocation's deadline is an hour away and is never reached; the"),
		jen.Comment("test's clock says it is 15 minutes away, and the soft deadline passes when"),
		jen.Comment("the function has started on \"slow\"."),
		jen.Id("deadline").Op(":=").Qual(pkgTime, "Now").Call().Dot("Add").Call(jen.Qual(pkgTime, "Hour")),
		jen.Var().Id("asked").Qual(pkgTime, "Time"),
		jen.Var().Id("pass").Func().Params(),
		jen.Id("h").Dot("clock").Op("=").Id("clock").Values(jen.Dict{
			jen.Id("now"): jen.Func().Params().Qual(pkgTime, "Time").Block(jen.Return(jen.Id("deadline").Dot("Add").Call(jen.Lit(-15).Op("*").Qual(pkgTime, "Minute")))),
			jen.Id("withDeadline"): jen.Func().Params(jen.Id("ctx").Add(ctxType.Clone()), jen.Id("at").Qual(pkgTime, "Time"), jen.Id("cause").Error()).Params(ctxType.Clone(), jen.Qual(pkgContext, "CancelFunc")).Block(
				jen.Id("asked").Op("=").Id("at"),
				jen.List(jen.Id("ctx"), jen.Id("cancel")).Op(":=").Qual(pkgContext, "WithCancelCause").Call(jen.Id("ctx")),
				jen.Id("pass").Op("=").Func().Params().Block(jen.Id("cancel").Call(jen.Id("cause"))),
				jen.Return(jen.Id("ctx"), jen.Func().Params().Block(jen.Id("cancel").Call(jen.Qual(pkgContext, "Canceled")))),
			),
		}),
		jen.Go().Func().Params().Block(
			jen.Op("<-").Id("started"),
			jen.Id("pass").Call(),
		).Call(),
		jen.List(jen.Id("ctx"), jen.Id("cancel")).Op(":=").Qual(pkgContext, "WithDeadline").Call(jen.Qual(pkgContext, "Background").Call(), jen.Id("deadline")),
		jen.Defer().Id("cancel").Call(),
		jen.List(jen.Id("out"), jen.Id("err")).Op(":=").Id("h").Dot("Invoke").Call(jen.Id("ctx"), jen.Index().Byte().Call(jen.Lit(payload))),
		ifErr(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
		jen.If(jen.Op("!").Id("asked").Dot("Equal").Call(jen.Id("deadline").Dot("Add").Call(jen.Lit(-2).Op("*").Qual(pkgTime, "Second")))).Block(
			tError("the soft deadline is %v before the deadline, want 2s (the margin)", jen.Id("deadline").Dot("Sub").Call(jen.Id("asked"))),
		),
		jen.Var().Id("resp").Id("response"),
		jen.If(jen.Id("err").Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("out"), jen.Op("&").Id("resp")), jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
		jen.Id("want").Op(":=").Index().Id("result").Values(
			jen.Values(jen.Lit("1"), jen.Id("Succeeded"), jen.Lit("ok")),
			jen.Values(jen.Lit("2"), jen.Id("TemporaryFailure"), jen.Lit("the task did not finish in time: the invocation's soft deadline passed")),
			jen.Values(jen.Lit("3"), jen.Id("TemporaryFailure"), jen.Lit("not started: the invocation's soft deadline passed")),
		),
		jen.If(jen.Op("!").Qual(pkgSlices, "Equal").Call(jen.Id("resp").Dot("Results"), jen.Id("want"))).Block(
			tError("results = %+v\nwant %+v", jen.Id("resp").Dot("Results"), jen.Id("want")),
		),
		jen.If(jen.Op("!").Qual(pkgSlices, "Equal").Call(jen.Id("ran"), jen.Index().String().Values(jen.Lit("fast"), jen.Lit("slow")))).Block(
			tError("the function ran on %q, want fast and slow", jen.Id("ran")),
		),
	)
}
