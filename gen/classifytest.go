package gen

import (
	"github.com/dave/jennifer/jen"
)

// emitClassifyTest returns internal/batch/classify_test.go: a table of
// errors shaped as aws-sdk-go-v2 returns them, and the code each gets.
func emitClassifyTest(m *model) *jen.File {
	f := newGoFile("batch", Scaffold, m)
	f.Comment("These tests check Classify and the result strings of errors shaped as")
	f.Comment("aws-sdk-go-v2 returns them, so that a retryable failure is redriven and a")
	f.Comment("permanent one is reported once.")
	f.Line()
	f.Comment("apiErr is an AWS API error as the SDK's deserializers make it.")
	f.Func().Id("apiErr").Params(jen.List(jen.Id("code"), jen.Id("msg")).String()).Error().Block(
		jen.Return(jen.Op("&").Qual(pkgSmithy, "GenericAPIError").Values(jen.Dict{jen.Id("Code"): jen.Id("code"), jen.Id("Message"): jen.Id("msg")})),
	)
	f.Line()
	f.Comment("httpErr is an HTTP response error as the SDK returns it, around err.")
	f.Func().Id("httpErr").Params(jen.Id("status").Int(), jen.Id("err").Error()).Error().Block(
		jen.Return(jen.Op("&").Qual(pkgAWSHTTP, "ResponseError").Values(jen.Dict{
			jen.Id("RequestID"): jen.Lit("4442587FB7D0A2F9"),
			jen.Id("ResponseError"): jen.Op("&").Qual(pkgSmithyHTTP, "ResponseError").Values(jen.Dict{
				jen.Id("Response"): jen.Op("&").Qual(pkgSmithyHTTP, "Response").Values(jen.Dict{
					jen.Id("Response"): jen.Op("&").Qual(pkgHTTP, "Response").Values(jen.Dict{jen.Id("StatusCode"): jen.Id("status")}),
				}),
				jen.Id("Err"): jen.Id("err"),
			}),
		})),
	)
	f.Line()
	row := func(name string, err jen.Code, code string) jen.Code {
		return jen.Values(jen.Lit(name), err, jen.Id(code))
	}
	api := func(code string) jen.Code { return jen.Id("apiErr").Call(jen.Lit(code), jen.Lit("message")) }
	rows := []jen.Code{
		row("nil", jen.Nil(), "Succeeded"),
		row("plain error", jen.Qual(pkgErrors, "New").Call(jen.Lit("boom")), "PermanentFailure"),
		row("marked temporary", jen.Id("Temporary").Call(jen.Qual(pkgErrors, "New").Call(jen.Lit("later"))), "TemporaryFailure"),
		row("marked temporary, wrapped", jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("copy: %w"), jen.Id("Temporary").Call(api("NoSuchKey"))), "TemporaryFailure"),
		row("marked permanent beats retryable", jen.Id("Permanent").Call(api("SlowDown")), "PermanentFailure"),
		row("SlowDown", api("SlowDown"), "TemporaryFailure"),
		row("RequestTimeout", api("RequestTimeout"), "TemporaryFailure"),
		row("ThrottlingException", api("ThrottlingException"), "TemporaryFailure"),
		row("TooManyRequestsException", api("TooManyRequestsException"), "TemporaryFailure"),
		row("NoSuchKey", api("NoSuchKey"), "PermanentFailure"),
		row("NoSuchBucket", api("NoSuchBucket"), "PermanentFailure"),
		row("AccessDenied", api("AccessDenied"), "PermanentFailure"),
		row("InvalidObjectState", api("InvalidObjectState"), "PermanentFailure"),
		row("SlowDown after the SDK's last attempt", jen.Op("&").Qual(pkgRetry, "MaxAttemptsError").Values(jen.Dict{jen.Id("Attempt"): jen.Lit(3), jen.Id("Err"): api("SlowDown")}), "TemporaryFailure"),
		row("NoSuchKey after the SDK's last attempt", jen.Op("&").Qual(pkgRetry, "MaxAttemptsError").Values(jen.Dict{jen.Id("Attempt"): jen.Lit(1), jen.Id("Err"): api("NoSuchKey")}), "PermanentFailure"),
		row("HTTP 500", jen.Id("httpErr").Call(jen.Lit(500), api("InternalError")), "TemporaryFailure"),
		row("HTTP 502", jen.Id("httpErr").Call(jen.Lit(502), jen.Qual(pkgErrors, "New").Call(jen.Lit("bad gateway"))), "TemporaryFailure"),
		row("HTTP 503", jen.Id("httpErr").Call(jen.Lit(503), api("ServiceUnavailable")), "TemporaryFailure"),
		row("HTTP 504", jen.Id("httpErr").Call(jen.Lit(504), jen.Qual(pkgErrors, "New").Call(jen.Lit("gateway timeout"))), "TemporaryFailure"),
		row("HTTP 429", jen.Id("httpErr").Call(jen.Lit(429), jen.Qual(pkgErrors, "New").Call(jen.Lit("too many requests"))), "TemporaryFailure"),
		row("HTTP 404", jen.Id("httpErr").Call(jen.Lit(404), api("NotFound")), "PermanentFailure"),
		row("HTTP 403", jen.Id("httpErr").Call(jen.Lit(403), api("AccessDenied")), "PermanentFailure"),
		row("retry quota exhausted", jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("get retry token: %w"), jen.Qual(pkgRatelimit, "QuotaExceededError").Values(jen.Dict{jen.Id("Available"): jen.Lit(0), jen.Id("Requested"): jen.Lit(5)})), "TemporaryFailure"),
		row("connection refused", jen.Op("&").Qual("net", "OpError").Values(jen.Dict{jen.Id("Op"): jen.Lit("dial"), jen.Id("Net"): jen.Lit("tcp"), jen.Id("Err"): jen.Qual(pkgErrors, "New").Call(jen.Lit("connection refused"))}), "TemporaryFailure"),
		row("deadline", jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("get: %w"), jen.Qual(pkgContext, "DeadlineExceeded")), "TemporaryFailure"),
		row("canceled", jen.Qual(pkgContext, "Canceled"), "TemporaryFailure"),
	}
	for _, c := range m.opts.TemporaryCodes {
		rows = append(rows, row("scaffold.yaml: "+c, api(c), "TemporaryFailure"))
	}
	for _, c := range m.opts.PermanentCodes {
		rows = append(rows, row("scaffold.yaml: "+c, api(c), "PermanentFailure"))
	}
	f.Func().Id("TestClassify").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Index().Struct(
			jen.Id("name").String(), jen.Id("err").Error(), jen.Id("want").Id("Code"),
		).Values(rows...)).Block(
			jen.If(jen.Id("got").Op(":=").Id("Settings").Dot("Classify").Call(jen.Qual(pkgContext, "Background").Call(), jen.Id("tc").Dot("err")), jen.Id("got").Op("!=").Id("tc").Dot("want")).Block(
				tError("%s: Classify(%v) = %s, want %s", jen.Id("tc").Dot("name"), jen.Id("tc").Dot("err"), jen.Id("got"), jen.Id("tc").Dot("want")),
			),
		),
		jen.Line().Comment("Any error is temporary once the invocation's context has ended."),
		jen.List(jen.Id("ctx"), jen.Id("cancel")).Op(":=").Qual(pkgContext, "WithCancel").Call(jen.Qual(pkgContext, "Background").Call()),
		jen.Id("cancel").Call(),
		jen.If(jen.Id("got").Op(":=").Id("Settings").Dot("Classify").Call(jen.Id("ctx"), jen.Id("apiErr").Call(jen.Lit("NoSuchKey"), jen.Lit(""))), jen.Id("got").Op("!=").Id("TemporaryFailure")).Block(
			tError("Classify after the context ended = %s, want TemporaryFailure", jen.Id("got")),
		),
		jen.Line().Comment("The lists of Config classify codes the SDK leaves alone."),
		jen.Id("c").Op(":=").Id("Config").Values(jen.Dict{jen.Id("TemporaryCodes"): jen.Index().String().Values(jen.Lit("NoSuchKey")), jen.Id("PermanentCodes"): jen.Index().String().Values(jen.Lit("SlowDown"))}),
		jen.If(jen.Id("got").Op(":=").Id("c").Dot("Classify").Call(jen.Qual(pkgContext, "Background").Call(), api("NoSuchKey")), jen.Id("got").Op("!=").Id("TemporaryFailure")).Block(
			tError("Classify(NoSuchKey) with TemporaryCodes = %s, want TemporaryFailure", jen.Id("got")),
		),
		jen.If(jen.Id("got").Op(":=").Id("c").Dot("Classify").Call(jen.Qual(pkgContext, "Background").Call(), api("SlowDown")), jen.Id("got").Op("!=").Id("TemporaryFailure")).Block(
			tError("Classify(SlowDown) = %s: the SDK's retryable errors come before the lists", jen.Id("got")),
		),
	)
	f.Line()
	f.Func().Id("TestErrorString").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Index().Struct(jen.Id("err").Error(), jen.Id("want").String()).Values(
			jen.Values(jen.Id("apiErr").Call(jen.Lit("NoSuchKey"), jen.Lit("The specified key does not exist.")), jen.Lit("NoSuchKey: The specified key does not exist.")),
			jen.Values(jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("copy: %w"), jen.Id("httpErr").Call(jen.Lit(404), jen.Id("apiErr").Call(jen.Lit("NotFound"), jen.Lit("")))), jen.Lit("NotFound")),
			jen.Values(jen.Qual(pkgErrors, "New").Call(jen.Lit("disk full")), jen.Lit("disk full")),
		)).Block(
			jen.If(jen.Id("got").Op(":=").Id("errorString").Call(jen.Id("tc").Dot("err")), jen.Id("got").Op("!=").Id("tc").Dot("want")).Block(
				tError("errorString(%v) = %q, want %q", jen.Id("tc").Dot("err"), jen.Id("got"), jen.Id("tc").Dot("want")),
			),
		),
	)
	return f
}
