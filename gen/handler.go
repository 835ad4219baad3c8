package gen

import (
	"github.com/dave/jennifer/jen"
)

// emitHandler returns internal/batch/handler.go: the wire types, Handler
// and Invoke.
func emitHandler(m *model) *jen.File {
	f := newGoFile("batch", Scaffold, m)
	f.Add(emitWireTypes())
	f.Add(emitHandlerType())
	f.Add(emitInvoke())
	f.Add(emitNewTask())
	f.Add(emitRun())
	f.Add(emitAppendJSON())
	return f
}

func tag(name string) map[string]string { return map[string]string{"json": name} }

// emitWireTypes returns the event and response as S3 sends and expects
// them:
//
//	type event struct {
//		SchemaVersion string `json:"invocationSchemaVersion"`
//		…
//	}
func emitWireTypes() jen.Code {
	return jen.Comment("event is an S3 Batch Operations invocation, schema 1.0 or 2.0.").Line().
		Type().Id("event").Struct(
		jen.Id("SchemaVersion").String().Tag(tag("invocationSchemaVersion")),
		jen.Id("InvocationID").String().Tag(tag("invocationId")),
		jen.Id("Job").Struct(
			jen.Id("ID").String().Tag(tag("id")),
			jen.Id("UserArguments").Map(jen.String()).String().Tag(tag("userArguments")).Comment("2.0 only"),
		).Tag(tag("job")),
		jen.Id("Tasks").Index().Id("eventTask").Tag(tag("tasks")),
	).Line().Line().
		Comment("eventTask is one task of an event.").Line().
		Type().Id("eventTask").Struct(
		jen.Id("TaskID").String().Tag(tag("taskId")),
		jen.Id("S3Key").String().Tag(tag("s3Key")),
		jen.Id("S3VersionID").Op("*").String().Tag(tag("s3VersionId")).Comment("null when the object has no version"),
		jen.Id("S3BucketARN").String().Tag(tag("s3BucketArn")).Comment("1.0"),
		jen.Id("S3Bucket").String().Tag(tag("s3Bucket")).Comment("2.0: a bucket name"),
	).Line().Line().
		Comment("response is what S3 Batch Operations expects back: \"results\", plural, with").Line().
		Comment("one result per task.").Line().
		Type().Id("response").Struct(
		jen.Id("InvocationSchemaVersion").String().Tag(tag("invocationSchemaVersion")),
		jen.Id("TreatMissingKeysAs").Id("Code").Tag(tag("treatMissingKeysAs")),
		jen.Id("InvocationID").String().Tag(tag("invocationId")),
		jen.Id("Results").Index().Id("result").Tag(tag("results")),
	).Line().Line().
		Type().Id("result").Struct(
		jen.Id("TaskID").String().Tag(tag("taskId")),
		jen.Id("ResultCode").Id("Code").Tag(tag("resultCode")),
		jen.Id("ResultString").String().Tag(tag("resultString")),
	).Line().Line()
}

// emitHandlerType returns
//
//	type Handler[A any] struct { … }
//	func NewHandler[A any](parse func(map[string]string) (A, error), process ProcessFunc[A], cfg Config) *Handler[A]
func emitHandlerType() jen.Code {
	a := jen.Id("A")
	return jen.Comment("ProcessFunc handles one task with the job's arguments. The string goes to").Line().
		Comment("the completion report; the error is classified by Config.Classify.").Line().
		Type().Id("ProcessFunc").Types(jen.Id("A").Any()).Func().Params(jen.Qual(pkgContext, "Context"), jen.Id("Task"), a.Clone()).Params(jen.String(), jen.Error()).Line().Line().
		Comment("Handler is the function's lambda.Handler: it owns the bytes of the event").Line().
		Comment("and of the response. A is the type of the job's parsed arguments.").Line().
		Type().Id("Handler").Types(jen.Id("A").Any()).Struct(
		jen.Id("parse").Func().Params(jen.Map(jen.String()).String()).Params(a.Clone(), jen.Error()),
		jen.Id("process").Id("ProcessFunc").Types(a.Clone()),
		jen.Id("cfg").Id("Config"),
		jen.Id("clock").Id("clock").Comment("systemClock, except in tests"),
		jen.Line(),
		jen.Id("mu").Qual("sync", "Mutex"),
		jen.Id("idle").Op("*").Id("worker").Types(a.Clone()).Comment("a worker waiting for the next task"),
	).Line().Line().
		Comment("NewHandler returns a Handler that parses each invocation's UserArguments").Line().
		Comment("with parse and runs process on each task.").Line().
		Func().Id("NewHandler").Types(jen.Id("A").Any()).Params(
		jen.Id("parse").Func().Params(jen.Map(jen.String()).String()).Params(a.Clone(), jen.Error()),
		jen.Id("process").Id("ProcessFunc").Types(a.Clone()),
		jen.Id("cfg").Id("Config"),
	).Op("*").Id("Handler").Types(a.Clone()).Block(
		jen.Return(jen.Op("&").Id("Handler").Types(a.Clone()).Values(jen.Dict{jen.Id("parse"): jen.Id("parse"), jen.Id("process"): jen.Id("process"), jen.Id("cfg"): jen.Id("cfg"), jen.Id("clock"): jen.Id("systemClock")})),
	).Line().Line()
}

// emitInvoke returns
//
//	func (h *Handler[A]) Invoke(ctx context.Context, payload []byte) ([]byte, error) { … }
func emitInvoke() jen.Code {
	ev := jen.Id("ev")
	return jen.Comment("Invoke answers one invocation. It returns an error only when the payload").Line().
		Comment("is not an S3 Batch Operations event at all; every problem with a task or").Line().
		Comment("with the arguments is that task's result, so that S3 gets one result per").Line().
		Comment("task and a clear reason in the report.").Line().
		Func().Params(jen.Id("h").Op("*").Id("Handler").Types(jen.Id("A"))).Id("Invoke").Params(
		jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("payload").Index().Byte(),
	).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Var().Add(ev).Id("event"),
		jen.If(jen.Id("err").Op(":=").Id("decodeEvent").Call(jen.Id("payload"), jen.Op("&").Add(ev)), jen.Id("err").Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("batch: the payload is not an S3 Batch Operations event: %w"), jen.Id("err"))),
		),
		jen.If(ev.Clone().Dot("InvocationID").Op("==").Lit("")).Block(
			jen.Return(jen.Nil(), jen.Qual(pkgErrors, "New").Call(jen.Lit("batch: the event has no invocationId"))),
		),
		jen.If(ev.Clone().Dot("SchemaVersion").Op("!=").Lit("1.0").Op("&&").Add(ev.Clone()).Dot("SchemaVersion").Op("!=").Lit("2.0")).Block(
			jen.Return(jen.Nil(), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("batch: invocationSchemaVersion %q is not 1.0 or 2.0"), ev.Clone().Dot("SchemaVersion"))),
		),
		jen.Line().Comment("Arguments are the same for every task: parse them once."),
		jen.List(jen.Id("a"), jen.Id("argErr")).Op(":=").Id("h").Dot("parse").Call(ev.Clone().Dot("Job").Dot("UserArguments")),
		jen.If(jen.Id("argErr").Op("!=").Nil()).Block(
			jen.Id("argErr").Op("=").Id("Permanent").Call(jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("invalid user arguments: %s"),
				jen.Qual(pkgStrings, "ReplaceAll").Call(jen.Id("argErr").Dot("Error").Call(), jen.Lit("\n"), jen.Lit("; ")))),
		),
		jen.List(jen.Id("ctx"), jen.Id("cancel")).Op(":=").Id("h").Dot("softDeadline").Call(jen.Id("ctx")),
		jen.Defer().Id("cancel").Call(),
		jen.Line(),
		jen.Id("resp").Op(":=").Id("response").Values(jen.Dict{
			jen.Id("InvocationSchemaVersion"): ev.Clone().Dot("SchemaVersion"),
			jen.Id("TreatMissingKeysAs"):      jen.Id("h").Dot("cfg").Dot("TreatMissingKeysAs"),
			jen.Id("InvocationID"):            ev.Clone().Dot("InvocationID"),
			jen.Id("Results"):                 jen.Make(jen.Index().Id("result"), jen.Len(ev.Clone().Dot("Tasks"))),
		}),
		jen.For(jen.Id("i").Op(":=").Range().Add(ev.Clone()).Dot("Tasks")).Block(
			jen.List(jen.Id("task"), jen.Id("err")).Op(":=").Id("newTask").Call(jen.Op("&").Add(ev.Clone()), jen.Op("&").Add(ev.Clone()).Dot("Tasks").Index(jen.Id("i"))),
			jen.Var().Id("out").String(),
			jen.If(jen.Id("err").Op("==").Nil()).Block(jen.Id("err").Op("=").Id("argErr")),
			jen.If(jen.Id("err").Op("==").Nil()).Block(jen.List(jen.Id("out"), jen.Id("err")).Op("=").Id("h").Dot("run").Call(jen.Id("ctx"), jen.Id("task"), jen.Id("a"))),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("out").Op("=").Id("errorString").Call(jen.Id("err"))),
			jen.Id("resp").Dot("Results").Index(jen.Id("i")).Op("=").Id("result").Values(jen.Dict{
				jen.Id("TaskID"):       jen.Id("task").Dot("ID"),
				jen.Id("ResultCode"):   jen.Id("h").Dot("cfg").Dot("Classify").Call(jen.Id("ctx"), jen.Id("err")),
				jen.Id("ResultString"): jen.Id("truncate").Call(jen.Id("out"), jen.Id("MaxResultLength")),
			}),
		),
		jen.Return(jen.Id("resp").Dot("appendJSON").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(256))), jen.Nil()),
	).Line().Line()
}

// emitNewTask returns
//
//	func newTask(ev *event, t *eventTask) (Task, error) { … }
func emitNewTask() jen.Code {
	t := jen.Id("t")
	task := jen.Id("task")
	perm := func(msg jen.Code) jen.Code { return jen.Return(task.Clone(), jen.Id("Permanent").Call(msg)) }
	return jen.Comment("newTask decodes one task of ev. An error fails that task permanently.").Line().
		Func().Id("newTask").Params(jen.Id("ev").Op("*").Id("event"), jen.Id("t").Op("*").Id("eventTask")).Params(jen.Id("Task"), jen.Error()).Block(
		jen.Add(task.Clone()).Op(":=").Id("Task").Values(jen.Dict{
			jen.Id("ID"):            t.Clone().Dot("TaskID"),
			jen.Id("JobID"):         jen.Id("ev").Dot("Job").Dot("ID"),
			jen.Id("InvocationID"):  jen.Id("ev").Dot("InvocationID"),
			jen.Id("SchemaVersion"): jen.Id("ev").Dot("SchemaVersion"),
			jen.Id("Bucket"):        t.Clone().Dot("S3Bucket"),
			jen.Id("BucketARN"):     t.Clone().Dot("S3BucketARN"),
			jen.Id("RawKey"):        t.Clone().Dot("S3Key"),
		}),
		jen.If(t.Clone().Dot("S3VersionID").Op("!=").Nil()).Block(task.Clone().Dot("VersionID").Op("=").Op("*").Add(t.Clone()).Dot("S3VersionID")),
		jen.Comment("A bucket ARN ends with the name after its last colon, in every partition"),
		jen.Comment("and also in the malformed ARNs of older AWS samples."),
		jen.If(task.Clone().Dot("Bucket").Op("==").Lit("")).Block(
			task.Clone().Dot("Bucket").Op("=").Add(t.Clone()).Dot("S3BucketARN").Index(jen.Qual(pkgStrings, "LastIndexByte").Call(t.Clone().Dot("S3BucketARN"), jen.LitRune(':')).Op("+").Lit(1), jen.Empty()),
		),
		jen.If(task.Clone().Dot("Bucket").Op("==").Lit("")).Block(perm(jen.Qual(pkgErrors, "New").Call(jen.Lit("the task has no s3Bucket or s3BucketArn")))),
		jen.If(t.Clone().Dot("S3Key").Op("==").Lit("")).Block(perm(jen.Qual(pkgErrors, "New").Call(jen.Lit("the task has no s3Key")))),
		jen.List(jen.Id("key"), jen.Id("err")).Op(":=").Qual(pkgURL, "QueryUnescape").Call(t.Clone().Dot("S3Key")),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(perm(jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("s3Key %q is not URL-encoded: %w"), t.Clone().Dot("S3Key"), jen.Id("err")))),
		task.Clone().Dot("Key").Op("=").Id("key"),
		jen.Return(task.Clone(), jen.Nil()),
	).Line().Line()
}

// emitRun returns softDeadline, run and call: the task's goroutine, its
// deadline and its panic recovery.
func emitRun() jen.Code {
	h := func() *jen.Statement { return jen.Params(jen.Id("h").Op("*").Id("Handler").Types(jen.Id("A"))) }
	ctx := jen.Id("ctx").Qual(pkgContext, "Context")
	return jen.Comment("ErrSoftDeadline is the cause of the context of a task the handler stopped").Line().
		Comment("waiting for, near the invocation's deadline.").Line().
		Var().Id("ErrSoftDeadline").Op("=").Qual(pkgErrors, "New").Call(jen.Lit("the invocation's soft deadline passed")).Line().Line().
		Comment("clock is where the soft deadline takes the time and sets its timer. It is").Line().
		Comment("systemClock in production; a test replaces it to check the deadline the").Line().
		Comment("handler asks for and to end a task's context when the test chooses, rather").Line().
		Comment("than racing a timer on a busy machine.").Line().
		Type().Id("clock").Struct(
		jen.Id("now").Func().Params().Qual(pkgTime, "Time"),
		jen.Id("withDeadline").Func().Params(jen.Qual(pkgContext, "Context"), jen.Qual(pkgTime, "Time"), jen.Error()).Params(jen.Qual(pkgContext, "Context"), jen.Qual(pkgContext, "CancelFunc")),
	).Line().Line().
		Var().Id("systemClock").Op("=").Id("clock").Values(jen.Qual(pkgTime, "Now"), jen.Qual(pkgContext, "WithDeadlineCause")).Line().Line().
		Comment("softDeadline returns ctx ending at softDeadlineAt its deadline.").Line().
		Func().Add(h()).Id("softDeadline").Params(ctx.Clone()).Params(jen.Qual(pkgContext, "Context"), jen.Qual(pkgContext, "CancelFunc")).Block(
		jen.List(jen.Id("d"), jen.Id("ok")).Op(":=").Id("ctx").Dot("Deadline").Call(),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return(jen.Qual(pkgContext, "WithCancel").Call(jen.Id("ctx")))),
		jen.Id("at").Op(":=").Id("softDeadlineAt").Call(jen.Id("d"), jen.Id("h").Dot("clock").Dot("now").Call(), jen.Id("h").Dot("cfg").Dot("SoftDeadlineMargin")),
		jen.Return(jen.Id("h").Dot("clock").Dot("withDeadline").Call(jen.Id("ctx"), jen.Id("at"), jen.Id("ErrSoftDeadline"))),
	).Line().Line().
		Comment("softDeadlineAt returns when the handler stops waiting for the tasks of an").Line().
		Comment("invocation that must end by deadline, at now: margin before the deadline,").Line().
		Comment("or a fifth of the time left if that is less.").Line().
		Func().Id("softDeadlineAt").Params(jen.List(jen.Id("deadline"), jen.Id("now")).Qual(pkgTime, "Time"), jen.Id("margin").Qual(pkgTime, "Duration")).Qual(pkgTime, "Time").Block(
		jen.Return(jen.Id("deadline").Dot("Add").Call(jen.Op("-").Min(jen.Id("margin"), jen.Id("deadline").Dot("Sub").Call(jen.Id("now")).Op("/").Lit(5)))),
	).Line().Line().
		Comment("run runs the function on one task. When ctx has a deadline, the function").Line().
		Comment("runs on a worker goroutine and run stops waiting when ctx ends: the task").Line().
		Comment("is then a TemporaryFailure even if the function ignores ctx. The worker").Line().
		Comment("is kept for the next task, so that a task costs no new goroutine; one").Line().
		Comment("left behind on a task that overran ends when the function returns.").Line().
		Func().Add(h()).Id("run").Params(ctx.Clone(), jen.Id("task").Id("Task"), jen.Id("a").Id("A")).Params(jen.String(), jen.Error()).Block(
		jen.If(jen.Id("err").Op(":=").Id("ctx").Dot("Err").Call(), jen.Id("err").Op("!=").Nil()).Block(
			jen.Return(jen.Lit(""), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("not started: %w"), jen.Qual(pkgContext, "Cause").Call(jen.Id("ctx")))),
		),
		jen.If(jen.List(jen.Id("_"), jen.Id("ok")).Op(":=").Id("ctx").Dot("Deadline").Call(), jen.Op("!").Id("ok")).Block(
			jen.Return(jen.Id("h").Dot("call").Call(jen.Id("ctx"), jen.Id("task"), jen.Id("a"))),
		),
		jen.Id("w").Op(":=").Id("h").Dot("takeWorker").Call(),
		jen.Id("w").Dot("jobs").Op("<-").Id("job").Types(jen.Id("A")).Values(jen.Id("ctx"), jen.Id("task"), jen.Id("a")),
		jen.Select().Block(
			jen.Case(jen.Id("o").Op(":=").Op("<-").Id("w").Dot("done")).Block(
				jen.Id("h").Dot("putWorker").Call(jen.Id("w")),
				jen.Return(jen.Id("o").Dot("out"), jen.Id("o").Dot("err")),
			),
			jen.Case(jen.Op("<-").Id("ctx").Dot("Done").Call()).Block(
				jen.Close(jen.Id("w").Dot("jobs")).Comment("the worker ends once the function returns"),
				jen.Return(jen.Lit(""), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("the task did not finish in time: %w"), jen.Qual(pkgContext, "Cause").Call(jen.Id("ctx")))),
			),
		),
	).Line().Line().
		Comment("worker is a goroutine that calls the function, one job at a time.").Line().
		Type().Id("worker").Types(jen.Id("A").Any()).Struct(
		jen.Id("jobs").Chan().Id("job").Types(jen.Id("A")),
		jen.Id("done").Chan().Id("outcome").Comment("buffered: a late outcome never blocks"),
	).Line().Line().
		Type().Id("job").Types(jen.Id("A").Any()).Struct(
		jen.Id("ctx").Qual(pkgContext, "Context"),
		jen.Id("task").Id("Task"),
		jen.Id("a").Id("A"),
	).Line().Line().
		Type().Id("outcome").Struct(jen.Id("out").String(), jen.Id("err").Error()).Line().Line().
		Comment("takeWorker returns the idle worker, or starts one.").Line().
		Func().Add(h()).Id("takeWorker").Params().Op("*").Id("worker").Types(jen.Id("A")).Block(
		jen.Id("h").Dot("mu").Dot("Lock").Call(),
		jen.Id("w").Op(":=").Id("h").Dot("idle"),
		jen.Id("h").Dot("idle").Op("=").Nil(),
		jen.Id("h").Dot("mu").Dot("Unlock").Call(),
		jen.If(jen.Id("w").Op("==").Nil()).Block(
			jen.Id("w").Op("=").Op("&").Id("worker").Types(jen.Id("A")).Values(jen.Dict{
				jen.Id("jobs"): jen.Make(jen.Chan().Id("job").Types(jen.Id("A"))),
				jen.Id("done"): jen.Make(jen.Chan().Id("outcome"), jen.Lit(1)),
			}),
			jen.Go().Func().Params().Block(
				jen.For(jen.Id("j").Op(":=").Range().Id("w").Dot("jobs")).Block(
					jen.List(jen.Id("out"), jen.Id("err")).Op(":=").Id("h").Dot("call").Call(jen.Id("j").Dot("ctx"), jen.Id("j").Dot("task"), jen.Id("j").Dot("a")),
					jen.Id("w").Dot("done").Op("<-").Id("outcome").Values(jen.Id("out"), jen.Id("err")),
				),
			).Call(),
		),
		jen.Return(jen.Id("w")),
	).Line().Line().
		Comment("putWorker keeps w for the next task, or ends it when another is idle.").Line().
		Func().Add(h()).Id("putWorker").Params(jen.Id("w").Op("*").Id("worker").Types(jen.Id("A"))).Block(
		jen.Id("h").Dot("mu").Dot("Lock").Call(),
		jen.Defer().Id("h").Dot("mu").Dot("Unlock").Call(),
		jen.If(jen.Id("h").Dot("idle").Op("!=").Nil()).Block(
			jen.Close(jen.Id("w").Dot("jobs")),
			jen.Return(),
		),
		jen.Id("h").Dot("idle").Op("=").Id("w"),
	).Line().Line().
		Comment("call calls the function, turning a panic into a PermanentFailure of this").Line().
		Comment("task alone: a panic that left Invoke would end the execution environment.").Line().
		Func().Add(h()).Id("call").Params(ctx.Clone(), jen.Id("task").Id("Task"), jen.Id("a").Id("A")).Params(jen.Id("out").String(), jen.Id("err").Error()).Block(
		jen.Defer().Func().Params().Block(
			jen.If(jen.Id("r").Op(":=").Recover(), jen.Id("r").Op("!=").Nil()).Block(
				jen.Qual(pkgLog, "Printf").Call(jen.Lit("batch: task %s (s3://%s/%s) panicked: %v\n%s"), jen.Id("task").Dot("ID"), jen.Id("task").Dot("Bucket"), jen.Id("task").Dot("Key"), jen.Id("r"), jen.Qual("runtime/debug", "Stack").Call()),
				jen.List(jen.Id("out"), jen.Id("err")).Op("=").List(jen.Lit(""), jen.Id("Permanent").Call(jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("panic: %v"), jen.Id("r")))),
			),
		).Call(),
		jen.Return(jen.Id("h").Dot("process").Call(jen.Id("ctx"), jen.Id("task"), jen.Id("a"))),
	)
}

// emitAppendJSON returns the response's JSON encoder, written out rather
// than reflected: the handler owns the bytes S3 reads, and it is faster.
//
//	func (r *response) appendJSON(b []byte) []byte { … }
//	func appendString(b []byte, s string) []byte { … }
func emitAppendJSON() jen.Code {
	b := jen.Id("b")
	lit := func(s string) jen.Code { return jen.Add(b.Clone()).Op("=").Append(b.Clone(), jen.Lit(s).Op("...")) }
	str := func(v jen.Code) jen.Code { return jen.Add(b.Clone()).Op("=").Id("appendString").Call(b.Clone(), v) }
	r := func(field string) *jen.Statement { return jen.Id("r").Dot(field) }
	return jen.Comment("appendJSON appends r as S3 Batch Operations reads it.").Line().
		Func().Params(jen.Id("r").Op("*").Id("response")).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Index().Byte().Block(
		lit(`{"invocationSchemaVersion":`),
		str(r("InvocationSchemaVersion")),
		lit(`,"treatMissingKeysAs":`),
		str(jen.String().Call(r("TreatMissingKeysAs"))),
		lit(`,"invocationId":`),
		str(r("InvocationID")),
		lit(`,"results":[`),
		jen.For(jen.List(jen.Id("i"), jen.Id("res")).Op(":=").Range().Add(r("Results"))).Block(
			jen.If(jen.Id("i").Op(">").Lit(0)).Block(jen.Add(b.Clone()).Op("=").Append(b.Clone(), jen.LitRune(','))),
			lit(`{"taskId":`),
			str(jen.Id("res").Dot("TaskID")),
			lit(`,"resultCode":`),
			str(jen.String().Call(jen.Id("res").Dot("ResultCode"))),
			lit(`,"resultString":`),
			str(jen.Id("res").Dot("ResultString")),
			jen.Add(b.Clone()).Op("=").Append(b.Clone(), jen.LitRune('}')),
		),
		jen.Return(jen.Append(b.Clone(), jen.Lit("]}").Op("..."))),
	).Line().Line().
		Comment("appendString appends s as a JSON string. s is valid UTF-8: it was decoded").Line().
		Comment("by encoding/json, or made valid by truncate.").Line().
		Func().Id("appendString").Params(jen.Id("b").Index().Byte(), jen.Id("s").String()).Index().Byte().Block(
		jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('"')),
		jen.Id("start").Op(":=").Lit(0),
		jen.For(jen.Id("i").Op(":=").Lit(0), jen.Id("i").Op("<").Len(jen.Id("s")), jen.Id("i").Op("++")).Block(
			jen.Id("c").Op(":=").Id("s").Index(jen.Id("i")),
			jen.If(jen.Id("c").Op(">=").Lit(0x20).Op("&&").Id("c").Op("!=").LitRune('"').Op("&&").Id("c").Op("!=").LitRune('\\')).Block(jen.Continue()),
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Id("s").Index(jen.Id("start"), jen.Id("i")).Op("...")),
			jen.Switch(jen.Id("c")).Block(
				jen.Case(jen.LitRune('"'), jen.LitRune('\\')).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('\\'), jen.Id("c"))),
				jen.Case(jen.LitRune('\n')).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(`\n`).Op("..."))),
				jen.Case(jen.LitRune('\r')).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(`\r`).Op("..."))),
				jen.Case(jen.LitRune('\t')).Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(`\t`).Op("..."))),
				jen.Default().Block(jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('\\'), jen.LitRune('u'), jen.LitRune('0'), jen.LitRune('0'), jen.Id("hex").Index(jen.Id("c").Op(">>").Lit(4)), jen.Id("hex").Index(jen.Id("c").Op("&").Lit(0xF)))),
			),
			jen.Id("start").Op("=").Id("i").Op("+").Lit(1),
		),
		jen.Id("b").Op("=").Append(jen.Id("b"), jen.Id("s").Index(jen.Id("start"), jen.Empty()).Op("...")),
		jen.Return(jen.Append(jen.Id("b"), jen.LitRune('"'))),
	).Line().Line().
		Const().Id("hex").Op("=").Lit("0123456789abcdef")
}
