package gen

import (
	"github.com/dave/jennifer/jen"
)

// emitDecode returns internal/batch/decode.go: the event's decoder, written
// for its shape rather than reflected. It accepts what encoding/json accepts
// (decode_test.go fuzzes one against the other) and is about twice as fast.
func emitDecode(m *model) *jen.File {
	f := newGoFile("batch", Scaffold, m)
	f.Add(emitDecodeEvent())
	f.Add(emitEventMembers())
	f.Add(emitDecoder())
	f.Add(emitDecoderValues())
	return f
}

// Shorthands for the decoder's code.
var (
	dPos   = func() *jen.Statement { return jen.Id("d").Dot("pos") }
	dData  = func() *jen.Statement { return jen.Id("d").Dot("data") }
	dNext  = func() *jen.Statement { return jen.Id("d").Dot("next").Call() }
	errNil = func() *jen.Statement { return jen.Id("err").Op("!=").Nil() }
)

func errorf(format string, args ...jen.Code) jen.Code {
	return jen.Id("d").Dot("errorf").Call(append([]jen.Code{jen.Lit(format)}, args...)...)
}

func fold(key string) jen.Code {
	return jen.Qual(pkgStrings, "EqualFold").Call(jen.Id("key"), jen.Lit(key))
}

// memberFunc is the signature of a function called for each key of an
// object: func(d *decoder, key string) error.
func memberParams() jen.Code {
	return jen.Params(jen.Id("d").Op("*").Id("decoder"), jen.Id("key").String())
}

// emitDecodeEvent returns
//
//	func decodeEvent(data []byte, ev *event) error { … }
func emitDecodeEvent() jen.Code {
	return jen.Comment("decodeEvent reads an invocation event. Like encoding/json, it takes any").Line().
		Comment("valid JSON, matches keys without regard to case, skips unknown keys, leaves").Line().
		Comment("a field empty for null, and lets the last of repeated keys win.").Line().
		Func().Id("decodeEvent").Params(jen.Id("data").Index().Byte(), jen.Id("ev").Op("*").Id("event")).Error().Block(
		jen.Id("d").Op(":=").Op("&").Id("decoder").Values(jen.Dict{jen.Id("data"): jen.Id("data")}),
		jen.If(jen.Op("!").Id("d").Dot("null").Call()).Block(
			jen.If(jen.Id("err").Op(":=").Id("d").Dot("object").Call(jen.Id("ev").Dot("member")), errNil()).Block(jen.Return(jen.Id("err"))),
		),
		jen.If(jen.Id("d").Dot("skipSpace").Call(), dPos().Op("<").Len(dData())).Block(
			jen.Return(errorf("unexpected data after the event")),
		),
		jen.Return(jen.Nil()),
	).Line().Line()
}

// emitEventMembers returns the member functions of event, its job and its
// tasks: one case per known key.
func emitEventMembers() jen.Code {
	str := func(field jen.Code) jen.Code {
		return jen.Return(jen.Id("d").Dot("stringInto").Call(jen.Op("&").Add(field)))
	}
	ev := func(field string) *jen.Statement { return jen.Id("ev").Dot(field) }
	return jen.Func().Params(jen.Id("ev").Op("*").Id("event")).Id("member").Add(memberParams()).Error().Block(
		jen.Switch().Block(
			jen.Case(fold("invocationSchemaVersion")).Block(str(ev("SchemaVersion"))),
			jen.Case(fold("invocationId")).Block(str(ev("InvocationID"))),
			jen.Case(fold("job")).Block(
				jen.If(jen.Id("d").Dot("null").Call()).Block(jen.Return(jen.Nil())),
				jen.Return(jen.Id("d").Dot("object").Call(jen.Id("ev").Dot("jobMember"))),
			),
			jen.Case(fold("tasks")).Block(
				jen.If(jen.Id("d").Dot("null").Call()).Block(jen.Return(jen.Nil())),
				ev("Tasks").Op("=").Add(ev("Tasks")).Index(jen.Empty(), jen.Lit(0)),
				jen.If(ev("Tasks").Op("==").Nil()).Block(ev("Tasks").Op("=").Index().Id("eventTask").Values().Comment("[] is not null")),
				jen.Return(jen.Id("d").Dot("array").Call(jen.Func().Params().Error().Block(
					ev("Tasks").Op("=").Append(ev("Tasks"), jen.Id("eventTask").Values()),
					jen.If(jen.Id("d").Dot("null").Call()).Block(jen.Return(jen.Nil())),
					jen.Return(jen.Id("d").Dot("object").Call(ev("Tasks").Index(jen.Len(ev("Tasks")).Op("-").Lit(1)).Dot("member"))),
				))),
			),
		),
		jen.Return(jen.Id("d").Dot("skip").Call()),
	).Line().Line().
		Func().Params(jen.Id("ev").Op("*").Id("event")).Id("jobMember").Add(memberParams()).Error().Block(
		jen.Switch().Block(
			jen.Case(fold("id")).Block(str(ev("Job").Dot("ID"))),
			jen.Case(fold("userArguments")).Block(
				jen.If(jen.Id("d").Dot("null").Call()).Block(jen.Return(jen.Nil())),
				jen.If(ev("Job").Dot("UserArguments").Op("==").Nil()).Block(
					ev("Job").Dot("UserArguments").Op("=").Map(jen.String()).String().Values(),
				),
				jen.Return(jen.Id("d").Dot("object").Call(jen.Func().Add(memberParams()).Error().Block(
					jen.Var().Id("v").String(),
					jen.Id("err").Op(":=").Id("d").Dot("stringInto").Call(jen.Op("&").Id("v")),
					ev("Job").Dot("UserArguments").Index(jen.Id("key")).Op("=").Id("v"),
					jen.Return(jen.Id("err")),
				))),
			),
		),
		jen.Return(jen.Id("d").Dot("skip").Call()),
	).Line().Line().
		Func().Params(jen.Id("t").Op("*").Id("eventTask")).Id("member").Add(memberParams()).Error().Block(
		jen.Switch().Block(
			jen.Case(fold("taskId")).Block(str(jen.Id("t").Dot("TaskID"))),
			jen.Case(fold("s3Key")).Block(str(jen.Id("t").Dot("S3Key"))),
			jen.Case(fold("s3VersionId")).Block(
				jen.If(jen.Id("d").Dot("null").Call()).Block(
					jen.Id("t").Dot("S3VersionID").Op("=").Nil(),
					jen.Return(jen.Nil()),
				),
				jen.List(jen.Id("s"), jen.Id("err")).Op(":=").Id("d").Dot("string").Call(),
				jen.Id("t").Dot("S3VersionID").Op("=").Op("&").Id("s"),
				jen.Return(jen.Id("err")),
			),
			jen.Case(fold("s3BucketArn")).Block(str(jen.Id("t").Dot("S3BucketARN"))),
			jen.Case(fold("s3Bucket")).Block(str(jen.Id("t").Dot("S3Bucket"))),
		),
		jen.Return(jen.Id("d").Dot("skip").Call()),
	).Line().Line()
}

// emitDecoder returns the decoder type and its structural methods: white
// space, literals, objects and arrays.
func emitDecoder() jen.Code {
	closeAt := func(c rune) jen.Code {
		return jen.Case(jen.LitRune(c)).Block(
			dPos().Op("++"),
			jen.Id("d").Dot("depth").Op("--"),
			jen.Return(jen.Nil()),
		)
	}
	open := func(c rune, what string) []jen.Code {
		return []jen.Code{
			jen.If(dNext().Op("!=").LitRune(c)).Block(jen.Return(errorf("want " + what))),
			jen.If(jen.Id("d").Dot("depth").Op("++"), jen.Id("d").Dot("depth").Op(">").Id("maxDepth")).Block(jen.Return(errorf("nested too deeply"))),
			dPos().Op("++"),
		}
	}
	return jen.Comment("decoder is a cursor over JSON text.").Line().
		Type().Id("decoder").Struct(
		jen.Id("data").Index().Byte(),
		jen.Id("pos").Int(),
		jen.Id("depth").Int(),
	).Line().Line().
		Comment("maxDepth is how deeply objects and arrays may nest, as in encoding/json.").Line().
		Const().Id("maxDepth").Op("=").Lit(10000).Line().Line().
		Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("errorf").Params(jen.Id("format").String(), jen.Id("args").Op("...").Any()).Error().Block(
		jen.Return(jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("invalid JSON at byte %d: %s"), dPos(), jen.Qual(pkgFmt, "Sprintf").Call(jen.Id("format"), jen.Id("args").Op("...")))),
	).Line().Line().
		Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("skipSpace").Params().Block(
		jen.For(dPos().Op("<").Len(dData())).Block(
			jen.Switch(dData().Index(dPos())).Block(
				jen.Case(jen.LitRune(' '), jen.LitRune('\t'), jen.LitRune('\n'), jen.LitRune('\r')).Block(dPos().Op("++")),
				jen.Default().Block(jen.Return()),
			),
		),
	).Line().Line().
		Comment("next returns the next byte that is not white space, or 0 at the end.").Line().
		Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("next").Params().Byte().Block(
		jen.Id("d").Dot("skipSpace").Call(),
		jen.If(dPos().Op("<").Len(dData())).Block(jen.Return(dData().Index(dPos()))),
		jen.Return(jen.Lit(0)),
	).Line().Line().
		Comment("literal reads word (true, false or null) if it is next.").Line().
		Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("literal").Params(jen.Id("word").String()).Bool().Block(
		jen.If(dNext().Op("==").Id("word").Index(jen.Lit(0)).Op("&&").Qual("bytes", "HasPrefix").Call(dData().Index(dPos(), jen.Empty()), jen.Index().Byte().Call(jen.Id("word")))).Block(
			dPos().Op("+=").Len(jen.Id("word")),
			jen.Return(jen.True()),
		),
		jen.Return(jen.False()),
	).Line().Line().
		Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("null").Params().Bool().Block(jen.Return(jen.Id("d").Dot("literal").Call(jen.Lit("null")))).Line().Line().
		Comment("object reads an object, calling member for each key with the cursor on").Line().
		Comment("its value.").Line().
		Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("object").Params(jen.Id("member").Func().Add(memberParams()).Error()).Error().BlockFunc(func(g *jen.Group) {
		for _, c := range open('{', "an object") {
			g.Add(c)
		}
		g.If(dNext().Op("==").LitRune('}')).Block(dPos().Op("++"), jen.Id("d").Dot("depth").Op("--"), jen.Return(jen.Nil()))
		g.For().Block(
			jen.List(jen.Id("key"), jen.Id("err")).Op(":=").Id("d").Dot("string").Call(),
			jen.If(errNil()).Block(jen.Return(jen.Id("err"))),
			jen.If(dNext().Op("!=").LitRune(':')).Block(jen.Return(errorf("want ':'"))),
			dPos().Op("++"),
			jen.If(jen.Id("err").Op(":=").Id("member").Call(jen.Id("d"), jen.Id("key")), errNil()).Block(jen.Return(jen.Id("err"))),
			jen.Switch(dNext()).Block(
				jen.Case(jen.LitRune(',')).Block(dPos().Op("++")),
				closeAt('}'),
				jen.Default().Block(jen.Return(errorf("want ',' or '}'"))),
			),
		)
	}).Line().Line().
		Comment("array reads an array, calling elem with the cursor on each element.").Line().
		Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("array").Params(jen.Id("elem").Func().Params().Error()).Error().BlockFunc(func(g *jen.Group) {
		for _, c := range open('[', "an array") {
			g.Add(c)
		}
		g.If(dNext().Op("==").LitRune(']')).Block(dPos().Op("++"), jen.Id("d").Dot("depth").Op("--"), jen.Return(jen.Nil()))
		g.For().Block(
			jen.If(jen.Id("err").Op(":=").Id("elem").Call(), errNil()).Block(jen.Return(jen.Id("err"))),
			jen.Switch(dNext()).Block(
				jen.Case(jen.LitRune(',')).Block(dPos().Op("++")),
				closeAt(']'),
				jen.Default().Block(jen.Return(errorf("want ',' or ']'"))),
			),
		)
	}).Line().Line()
}

// emitDecoderValues returns the decoder's methods for strings, numbers and
// values it skips.
func emitDecoderValues() jen.Code {
	at := func() *jen.Statement { return dData().Index(dPos()) }
	inRange := func() *jen.Statement { return dPos().Op("<").Len(dData()) }
	return jen.Comment("stringInto reads a string into *s; null leaves *s as it is.").Line().
		Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("stringInto").Params(jen.Id("s").Op("*").String()).Error().Block(
		jen.If(jen.Id("d").Dot("null").Call()).Block(jen.Return(jen.Nil())),
		jen.List(jen.Id("v"), jen.Id("err")).Op(":=").Id("d").Dot("string").Call(),
		jen.Op("*").Id("s").Op("=").Id("v"),
		jen.Return(jen.Id("err")),
	).Line().Line().
		Comment("string reads a string. Plain UTF-8 text is copied as it is; text with").Line().
		Comment("escapes or bytes that are not UTF-8 is decoded by encoding/json, for its").Line().
		Comment("exact rules (surrogate pairs, U+FFFD for bad bytes).").Line().
		Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("string").Params().Params(jen.String(), jen.Error()).Block(
		jen.If(dNext().Op("!=").LitRune('"')).Block(jen.Return(jen.Lit(""), errorf("want a string"))),
		jen.Id("start").Op(":=").Add(dPos()),
		dPos().Op("++"),
		jen.Id("plain").Op(":=").True(),
		jen.For(inRange()).Block(
			jen.Switch(jen.Id("c").Op(":=").Add(at()), jen.Empty()).Block(
				jen.Case(jen.Id("c").Op("==").LitRune('"')).Block(
					dPos().Op("++"),
					jen.Id("raw").Op(":=").Add(dData()).Index(jen.Id("start"), dPos()),
					jen.If(jen.Id("plain")).Block(jen.Return(jen.String().Call(jen.Id("raw").Index(jen.Lit(1), jen.Len(jen.Id("raw")).Op("-").Lit(1))), jen.Nil())),
					jen.Var().Id("s").String(),
					jen.If(jen.Id("err").Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("raw"), jen.Op("&").Id("s")), errNil()).Block(
						jen.Return(jen.Lit(""), errorf("%v", jen.Id("err"))),
					),
					jen.Return(jen.Id("s"), jen.Nil()),
				),
				jen.Case(jen.Id("c").Op("==").LitRune('\\')).Block(
					jen.Id("plain").Op("=").False(),
					dPos().Op("+=").Lit(2),
				),
				jen.Case(jen.Id("c").Op("<").Lit(0x20)).Block(jen.Return(jen.Lit(""), errorf("control character in a string"))),
				jen.Case(jen.Id("c").Op(">=").Qual(pkgUTF8, "RuneSelf")).Block(
					jen.List(jen.Id("r"), jen.Id("n")).Op(":=").Qual(pkgUTF8, "DecodeRune").Call(dData().Index(dPos(), jen.Empty())),
					jen.If(jen.Id("r").Op("==").Qual(pkgUTF8, "RuneError").Op("&&").Id("n").Op("==").Lit(1)).Block(jen.Id("plain").Op("=").False()),
					dPos().Op("+=").Id("n"),
				),
				jen.Default().Block(dPos().Op("++")),
			),
		),
		jen.Return(jen.Lit(""), errorf("unterminated string")),
	).Line().Line().
		Comment("skip reads a value of any kind, checking its syntax.").Line().
		Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("skip").Params().Error().Block(
		jen.Switch(jen.Id("c").Op(":=").Add(dNext()), jen.Empty()).Block(
			jen.Case(jen.Id("c").Op("==").LitRune('{')).Block(jen.Return(jen.Id("d").Dot("object").Call(jen.Func().Params(jen.Id("d").Op("*").Id("decoder"), jen.Id("_").String()).Error().Block(jen.Return(jen.Id("d").Dot("skip").Call()))))),
			jen.Case(jen.Id("c").Op("==").LitRune('[')).Block(jen.Return(jen.Id("d").Dot("array").Call(jen.Id("d").Dot("skip")))),
			jen.Case(jen.Id("c").Op("==").LitRune('"')).Block(
				jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("d").Dot("string").Call(),
				jen.Return(jen.Id("err")),
			),
			jen.Case(jen.Id("c").Op("==").LitRune('-').Op("||").Id("c").Op(">=").LitRune('0').Op("&&").Id("c").Op("<=").LitRune('9')).Block(jen.Return(jen.Id("d").Dot("number").Call())),
			jen.Case(jen.Id("d").Dot("literal").Call(jen.Lit("true")), jen.Id("d").Dot("literal").Call(jen.Lit("false")), jen.Id("d").Dot("null").Call()).Block(jen.Return(jen.Nil())),
		),
		jen.Return(errorf("want a value")),
	).Line().Line().
		Comment("number reads a number: -?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?").Line().
		Func().Params(jen.Id("d").Op("*").Id("decoder")).Id("number").Params().Error().Block(
		jen.Id("digits").Op(":=").Func().Params().Int().Block(
			jen.Id("n").Op(":=").Lit(0),
			jen.For(inRange().Op("&&").Add(at()).Op(">=").LitRune('0').Op("&&").Add(at()).Op("<=").LitRune('9')).Block(
				dPos().Op("++"),
				jen.Id("n").Op("++"),
			),
			jen.Return(jen.Id("n")),
		),
		jen.If(at().Op("==").LitRune('-')).Block(dPos().Op("++")),
		jen.If(inRange().Op("&&").Add(at()).Op("==").LitRune('0')).Block(dPos().Op("++")).Else().If(jen.Id("digits").Call().Op("==").Lit(0)).Block(jen.Return(errorf("invalid number"))),
		jen.If(inRange().Op("&&").Add(at()).Op("==").LitRune('.')).Block(
			dPos().Op("++"),
			jen.If(jen.Id("digits").Call().Op("==").Lit(0)).Block(jen.Return(errorf("invalid number"))),
		),
		jen.If(inRange().Op("&&").Parens(at().Op("==").LitRune('e').Op("||").Add(at()).Op("==").LitRune('E'))).Block(
			dPos().Op("++"),
			jen.If(inRange().Op("&&").Parens(at().Op("==").LitRune('+').Op("||").Add(at()).Op("==").LitRune('-'))).Block(dPos().Op("++")),
			jen.If(jen.Id("digits").Call().Op("==").Lit(0)).Block(jen.Return(errorf("invalid number"))),
		),
		jen.Return(jen.Nil()),
	)
}

// emitDecodeTest returns internal/batch/decode_test.go: decodeEvent fuzzed
// against encoding/json, which must agree on every input.
func emitDecodeTest(m *model) *jen.File {
	f := newGoFile("batch", Scaffold, m)
	f.Comment("FuzzDecodeEvent protects the hand-written decoder: on any input it must")
	f.Comment("accept and decode exactly what encoding/json does.")
	f.Func().Id("FuzzDecodeEvent").Params(jen.Id("f").Op("*").Qual(pkgTesting, "F")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("name")).Op(":=").Range().Index().String().Values(jen.Lit("seed-1.0.json"), jen.Lit("seed-2.0.json"), jen.Lit("keys-2.0.json"))).Block(
			jen.List(jen.Id("data"), jen.Id("err")).Op(":=").Qual(pkgOS, "ReadFile").Call(jen.Qual("path/filepath", "Join").Call(jen.Lit(".."), jen.Lit(".."), jen.Lit("testdata"), jen.Lit("events"), jen.Id("name"))),
			jen.If(errNil()).Block(jen.Id("f").Dot("Fatal").Call(jen.Id("err"))),
			jen.Id("f").Dot("Add").Call(jen.Id("data")),
		),
		jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Index().String().Values(
			jen.Lit(`{"TASKS":[null,{"taskid":"\u00e9\ud800","s3versionid":null}],"job":{"userArguments":{"a":"b","a":"c"}},"x":[1.5e3,-0,true,{}]}`),
			jen.Lit(`{"tasks":[],"job":null,"invocationId":null}`),
			jen.Lit("{\"s3Key\":\"\xff\"}"),
			jen.Lit(`{"x":01}`),
			jen.Lit(`null`),
			jen.Lit(`{"a":1} {}`),
		)).Block(jen.Id("f").Dot("Add").Call(jen.Index().Byte().Call(jen.Id("s")))),
		jen.Id("f").Dot("Fuzz").Call(jen.Func().Params(jen.Id("t").Op("*").Qual(pkgTesting, "T"), jen.Id("data").Index().Byte()).Block(
			jen.Var().List(jen.Id("want"), jen.Id("got")).Id("event"),
			jen.Id("wantErr").Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("want")),
			jen.Id("gotErr").Op(":=").Id("decodeEvent").Call(jen.Id("data"), jen.Op("&").Id("got")),
			jen.If(jen.Parens(jen.Id("wantErr").Op("==").Nil()).Op("!=").Parens(jen.Id("gotErr").Op("==").Nil())).Block(
				tFatal("encoding/json: %v; decodeEvent: %v", jen.Id("wantErr"), jen.Id("gotErr")),
			),
			jen.If(jen.Id("wantErr").Op("==").Nil().Op("&&").Op("!").Qual(pkgReflect, "DeepEqual").Call(jen.Id("want"), jen.Id("got"))).Block(
				tFatal("encoding/json: %+v\ndecodeEvent:  %+v", jen.Id("want"), jen.Id("got")),
			),
		)),
	)
	return f
}
