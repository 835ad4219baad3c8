package gen

import (
	"github.com/dave/jennifer/jen"
)

// The batch package is the same for every schema: it is generic over the
// Args type, so that the code that owns the event's bytes is reviewed once.
// Only settings.go follows scaffold.yaml.

// emitBatch returns internal/batch/batch.go: the package documentation and
// the types user code sees.
func emitBatch(m *model) *jen.File {
	f := newGoFile("batch", Scaffold, m)
	for _, line := range []string{
		"Package batch is the function's S3 Batch Operations runtime. Its Handler owns",
		"the bytes of the invocation event and of the response, as Java's",
		"RequestStreamHandler does: it reads invocation schema 1.0 and 2.0, decodes",
		"each task's key, parses the job's UserArguments once per invocation, runs",
		"the function on every task with panic recovery and a soft deadline, and",
		"answers exactly one result per task.",
		"",
		"A task's error is classified as S3 expects (see Config.Classify):",
		"TemporaryFailure for what is worth retrying, PermanentFailure for the rest.",
		"Mark an error yourself with Temporary or Permanent.",
	} {
		f.PackageComment(line)
	}
	f.Comment("Code is a task's result code in the response to S3 Batch Operations.")
	f.Type().Id("Code").String()
	f.Line()
	f.Comment("The result codes S3 Batch Operations accepts.")
	f.Const().Defs(
		jen.Comment("Succeeded: the result string goes to the completion report."),
		jen.Id("Succeeded").Id("Code").Op("=").Lit(Succeeded),
		jen.Comment("TemporaryFailure: S3 runs the task again before the job completes."),
		jen.Id("TemporaryFailure").Id("Code").Op("=").Lit(TemporaryFailure),
		jen.Comment("PermanentFailure: the task failed; the result string says why."),
		jen.Id("PermanentFailure").Id("Code").Op("=").Lit(PermanentFailure),
	)
	f.Line()
	f.Comment("MaxResultLength is the most bytes of a result string the handler sends: S3")
	f.Comment("keeps 1,024 characters in the completion report. Longer strings are cut at")
	f.Comment("a character boundary.")
	f.Const().Id("MaxResultLength").Op("=").Lit(1024)
	f.Line()
	f.Comment("Task is one object of the job, as S3 Batch Operations sent it.")
	f.Type().Id("Task").Struct(
		jen.Id("ID").String().Comment("taskId, echoed in the response"),
		jen.Id("JobID").String().Comment("the job's id"),
		jen.Id("InvocationID").String().Comment("the invocation's id"),
		jen.Id("SchemaVersion").String().Comment(`the invocation schema: "1.0" or "2.0"`),
		jen.Line().Comment("Bucket is the bucket's name, also when the event has only an ARN."),
		jen.Id("Bucket").String(),
		jen.Comment("BucketARN is s3BucketArn as sent (schema 1.0); \"\" otherwise."),
		jen.Id("BucketARN").String(),
		jen.Comment("Key is the object key, URL-decoded as url.QueryUnescape does:"),
		jen.Comment(`"my+photo%2B1.jpg" is "my photo+1.jpg".`),
		jen.Id("Key").String(),
		jen.Comment("RawKey is s3Key as sent, still URL-encoded."),
		jen.Id("RawKey").String(),
		jen.Comment("VersionID is the object's version; \"\" when S3 sent null."),
		jen.Id("VersionID").String(),
	)
	return f
}

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
	f.Comment("Settings is this function's Config, from scaffold.yaml.")
	f.Var().Id("Settings").Op("=").Id("Config").Values(jen.DictFunc(func(d jen.Dict) {
		d[jen.Id("TreatMissingKeysAs")] = jen.Id(m.opts.TreatMissingKeysAs)
		d[jen.Id("SoftDeadlineMargin")] = jen.Lit(2).Op("*").Qual(pkgTime, "Second")
		d[jen.Id("TemporaryCodes")] = codes(m.opts.TemporaryCodes)
		d[jen.Id("PermanentCodes")] = codes(m.opts.PermanentCodes)
	}))
	return f
}

// emitClassify returns internal/batch/classify.go: Temporary, Permanent,
// Config.Classify and the result string of an error.
func emitClassify(m *model) *jen.File {
	f := newGoFile("batch", Scaffold, m)
	f.Comment("Config is how the handler answers S3. Settings holds this function's.")
	f.Type().Id("Config").Struct(
		jen.Comment("TreatMissingKeysAs is the code S3 gives a task missing from a response."),
		jen.Id("TreatMissingKeysAs").Id("Code"),
		jen.Comment("SoftDeadlineMargin is how long before the invocation's deadline the"),
		jen.Comment("handler stops waiting for a task and answers TemporaryFailure, so that"),
		jen.Comment("S3 runs it again rather than recording a timeout. It is at most a fifth"),
		jen.Comment("of the time the invocation has."),
		jen.Id("SoftDeadlineMargin").Qual(pkgTime, "Duration"),
		jen.Comment("TemporaryCodes and PermanentCodes classify AWS error codes (such as"),
		jen.Comment("NoSuchKey) that the SDK does not retry by itself."),
		jen.Id("TemporaryCodes").Index().String(),
		jen.Id("PermanentCodes").Index().String(),
	)
	f.Line()
	f.Add(emitMarks())
	f.Add(emitClassifyFunc())
	f.Add(emitRetryable())
	f.Add(emitResultString())
	return f
}

// emitMarks returns Temporary, Permanent and the error type they wrap with.
func emitMarks() jen.Code {
	mark := func(name string, code string, doc ...string) jen.Code {
		s := jen.Null()
		for _, d := range doc {
			s.Comment(d).Line()
		}
		return s.Func().Id(name).Params(jen.Id("err").Error()).Error().Block(
			jen.If(jen.Id("err").Op("==").Nil()).Block(jen.Return(jen.Nil())),
			jen.Return(jen.Op("&").Id("markedError").Values(jen.Id(code), jen.Id("err"))),
		).Line().Line()
	}
	return jen.Add(
		mark("Temporary", "TemporaryFailure",
			"Temporary marks err as a TemporaryFailure: S3 runs the task again. The mark",
			"holds anywhere in an error chain. Temporary(nil) is nil."),
		mark("Permanent", "PermanentFailure",
			"Permanent marks err as a PermanentFailure: the task fails, and the report",
			"says why. The mark holds anywhere in an error chain. Permanent(nil) is nil."),
	).Comment("markedError is an error with the result code its creator chose.").Line().
		Type().Id("markedError").Struct(
		jen.Id("code").Id("Code"),
		jen.Id("err").Error(),
	).Line().Line().
		Func().Params(jen.Id("e").Op("*").Id("markedError")).Id("Error").Params().String().Block(jen.Return(jen.Id("e").Dot("err").Dot("Error").Call())).Line().
		Func().Params(jen.Id("e").Op("*").Id("markedError")).Id("Unwrap").Params().Error().Block(jen.Return(jen.Id("e").Dot("err"))).Line().Line()
}

// emitClassifyFunc returns
//
//	func (c Config) Classify(ctx context.Context, err error) Code { … }
func emitClassifyFunc() jen.Code {
	err := jen.Id("err")
	return jen.Comment("Classify returns the result code of a task that ended with err; ctx is the").Line().
		Comment("invocation's. In order: nil succeeds; a Temporary or Permanent mark decides;").Line().
		Comment("the deadline or the invocation ending is temporary; so is what aws-sdk-go-v2").Line().
		Comment("itself retries (throttling such as SlowDown, RequestTimeout, HTTP 500, 502,").Line().
		Comment("503 and 504, connection errors, also after the SDK's last attempt), any HTTP").Line().
		Comment("429 and an exhausted retry quota; then the codes in TemporaryCodes and").Line().
		Comment("PermanentCodes; everything else is permanent.").Line().
		Func().Params(jen.Id("c").Id("Config")).Id("Classify").Params(jen.Id("ctx").Qual(pkgContext, "Context"), jen.Id("err").Error()).Id("Code").Block(
		jen.If(jen.Add(err).Op("==").Nil()).Block(jen.Return(jen.Id("Succeeded"))),
		jen.Var().Id("marked").Op("*").Id("markedError"),
		jen.If(jen.Qual(pkgErrors, "As").Call(err, jen.Op("&").Id("marked"))).Block(jen.Return(jen.Id("marked").Dot("code"))),
		jen.If(jen.Id("ctx").Dot("Err").Call().Op("!=").Nil().Op("||").
			Qual(pkgErrors, "Is").Call(err, jen.Qual(pkgContext, "DeadlineExceeded")).Op("||").
			Qual(pkgErrors, "Is").Call(err, jen.Qual(pkgContext, "Canceled"))).Block(jen.Return(jen.Id("TemporaryFailure"))),
		jen.If(jen.Id("retryable").Call(err)).Block(jen.Return(jen.Id("TemporaryFailure"))),
		jen.Var().Id("apiErr").Qual(pkgSmithy, "APIError"),
		jen.If(jen.Qual(pkgErrors, "As").Call(err, jen.Op("&").Id("apiErr"))).Block(
			jen.Switch().Block(
				jen.Case(jen.Qual(pkgSlices, "Contains").Call(jen.Id("c").Dot("TemporaryCodes"), jen.Id("apiErr").Dot("ErrorCode").Call())).Block(jen.Return(jen.Id("TemporaryFailure"))),
				jen.Case(jen.Qual(pkgSlices, "Contains").Call(jen.Id("c").Dot("PermanentCodes"), jen.Id("apiErr").Dot("ErrorCode").Call())).Block(jen.Return(jen.Id("PermanentFailure"))),
			),
		),
		jen.Return(jen.Id("PermanentFailure")),
	).Line().Line()
}

// emitRetryable returns
//
//	func retryable(err error) bool { … }
func emitRetryable() jen.Code {
	err := jen.Id("err")
	return jen.Comment("sdkRetryables are the checks aws-sdk-go-v2's standard retryer makes.").Line().
		Var().Id("sdkRetryables").Op("=").Qual(pkgRetry, "IsErrorRetryables").Call(jen.Qual(pkgRetry, "DefaultRetryables")).Line().Line().
		Comment("retryable reports whether err is worth another attempt: what the SDK").Line().
		Comment("retries itself, an HTTP 429 (which the SDK leaves to the caller), and a").Line().
		Comment("client-side retry quota that ran out.").Line().
		Func().Id("retryable").Params(jen.Id("err").Error()).Bool().Block(
		jen.If(jen.Id("sdkRetryables").Dot("IsErrorRetryable").Call(err).Op("==").Qual(pkgAWS, "TrueTernary")).Block(jen.Return(jen.True())),
		jen.Var().Id("status").Interface(jen.Id("HTTPStatusCode").Params().Int()),
		jen.If(jen.Qual(pkgErrors, "As").Call(err, jen.Op("&").Id("status")).Op("&&").Id("status").Dot("HTTPStatusCode").Call().Op("==").Qual(pkgHTTP, "StatusTooManyRequests")).Block(jen.Return(jen.True())),
		jen.Var().Id("quota").Qual(pkgRatelimit, "QuotaExceededError"),
		jen.Return(jen.Qual(pkgErrors, "As").Call(err, jen.Op("&").Id("quota"))),
	).Line().Line()
}

// emitResultString returns errorString and truncate.
func emitResultString() jen.Code {
	return jen.Comment("errorString is the result string of a failed task: \"Code: message\" for an").Line().
		Comment("AWS API error, the error's text otherwise.").Line().
		Func().Id("errorString").Params(jen.Id("err").Error()).String().Block(
		jen.Var().Id("apiErr").Qual(pkgSmithy, "APIError"),
		jen.If(jen.Qual(pkgErrors, "As").Call(jen.Id("err"), jen.Op("&").Id("apiErr")).Op("&&").Id("apiErr").Dot("ErrorCode").Call().Op("!=").Lit("")).Block(
			jen.If(jen.Id("msg").Op(":=").Id("apiErr").Dot("ErrorMessage").Call(), jen.Id("msg").Op("!=").Lit("")).Block(
				jen.Return(jen.Id("apiErr").Dot("ErrorCode").Call().Op("+").Lit(": ").Op("+").Id("msg")),
			),
			jen.Return(jen.Id("apiErr").Dot("ErrorCode").Call()),
		),
		jen.Return(jen.Id("err").Dot("Error").Call()),
	).Line().Line().
		Comment("truncate makes s valid UTF-8 and cuts it to at most n bytes, at a character").Line().
		Comment("boundary.").Line().
		Func().Id("truncate").Params(jen.Id("s").String(), jen.Id("n").Int()).String().Block(
		jen.Id("s").Op("=").Qual(pkgStrings, "ToValidUTF8").Call(jen.Id("s"), jen.Lit("\uFFFD")),
		jen.If(jen.Len(jen.Id("s")).Op("<=").Id("n")).Block(jen.Return(jen.Id("s"))),
		jen.For(jen.Id("n").Op(">").Lit(0).Op("&&").Op("!").Qual(pkgUTF8, "RuneStart").Call(jen.Id("s").Index(jen.Id("n")))).Block(jen.Id("n").Op("--")),
		jen.Return(jen.Id("s").Index(jen.Empty(), jen.Id("n"))),
	)
}
