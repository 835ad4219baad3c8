package gen

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/s3batchops/scaffold/schema"
)

// emitArgsTest returns internal/args/args_test.go. Its expectations (valid
// and invalid values, messages, encodings) are worked out by the schema
// package at generation time; see samples.go.
func emitArgsTest(m *model) *jen.File {
	f := newGoFile("args", Scaffold, m)
	f.Comment("These tests check Parse and Encode against the schema: valid values, every")
	f.Comment("constraint, defaults, missing and unknown arguments, and the round trip.")
	f.Line()
	f.Comment("valid returns a valid value of every argument, as S3 sends them.")
	f.Func().Id("valid").Params().Map(jen.String()).String().Block(jen.Return(sampleMap(m)))
	f.Line()
	f.Add(emitArgErrorsHelper())
	f.Add(emitTestParseValid(m))
	f.Add(emitTestParseInvalid(m))
	f.Add(emitTestParseMissing(m))
	f.Add(emitTestParseUnknown(m))
	return f
}

// emitArgErrorsHelper returns argErrors, which collects the messages of
// the *Error values in a joined error by argument.
func emitArgErrorsHelper() jen.Code {
	return jen.Comment("argErrors returns the message of every *Error in err, by argument.").Line().
		Func().Id("argErrors").Params(jen.Id("err").Error()).Map(jen.String()).String().Block(
		jen.Id("out").Op(":=").Map(jen.String()).String().Values(),
		jen.Var().Id("walk").Func().Params(jen.Error()),
		jen.Id("walk").Op("=").Func().Params(jen.Id("err").Error()).Block(
			jen.Switch(jen.Id("e").Op(":=").Id("err").Assert(jen.Type())).Block(
				jen.Case(jen.Op("*").Id("Error")).Block(jen.Id("out").Index(jen.Id("e").Dot("Arg")).Op("=").Id("e").Dot("Msg")),
				jen.Case(jen.Interface(jen.Id("Unwrap").Params().Index().Error())).Block(
					jen.For(jen.List(jen.Id("_"), jen.Id("inner")).Op(":=").Range().Id("e").Dot("Unwrap").Call()).Block(jen.Id("walk").Call(jen.Id("inner"))),
				),
			),
		),
		jen.Id("walk").Call(jen.Id("err")),
		jen.Return(jen.Id("out")),
	).Line().Line()
}

// emitTestParseValid returns TestParseValid, which checks a valid map, the
// wire form Encode gives each value, defaults and absent optional
// arguments, and the round trip.
func emitTestParseValid(m *model) jen.Code {
	return jen.Func().Id("TestParseValid").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).BlockFunc(func(g *jen.Group) {
		g.List(jen.Id("a"), jen.Id("err")).Op(":=").Id("Parse").Call(jen.Id("valid").Call())
		g.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("Parse(valid()): %v"), jen.Id("err")))
		g.Id("want").Op(":=").Map(jen.String()).String().Values(jen.DictFunc(func(d jen.Dict) {
			for _, a := range m.spec.Args {
				d[jen.Lit(a.Name)] = jen.Lit(a.Encode(m.samples[a.Name]))
			}
		}))
		g.If(jen.Id("got").Op(":=").Id("Encode").Call(jen.Id("a")), jen.Op("!").Qual(pkgReflect, "DeepEqual").Call(jen.Id("got"), jen.Id("want"))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("Encode(Parse(valid())) =\n%q\nwant\n%q"), jen.Id("got"), jen.Id("want")),
		)
		g.Line().Comment("The round trip: Parse(Encode(a)) is a again.")
		g.List(jen.Id("b"), jen.Id("err")).Op(":=").Id("Parse").Call(jen.Id("Encode").Call(jen.Id("a")))
		g.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("Parse(Encode(a)): %v"), jen.Id("err")))
		g.If(jen.Op("!").Qual(pkgReflect, "DeepEqual").Call(jen.Id("Encode").Call(jen.Id("b")), jen.Id("Encode").Call(jen.Id("a")))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("Parse(Encode(a)) = %+v, want %+v"), jen.Id("b"), jen.Id("a")),
		)
		var absent []*schema.Arg
		for _, a := range m.spec.Args {
			if !a.Required {
				absent = append(absent, a)
			}
		}
		if len(absent) == 0 {
			return
		}
		g.Line().Comment("Without the optional arguments: defaults apply, the others are absent.")
		g.Id("m").Op(":=").Id("valid").Call()
		for _, a := range absent {
			g.Delete(jen.Id("m"), jen.Lit(a.Name))
		}
		g.List(jen.Id("a"), jen.Id("err")).Op("=").Id("Parse").Call(jen.Id("m"))
		g.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("Parse without optional arguments: %v"), jen.Id("err")))
		g.Id("got").Op(":=").Id("Encode").Call(jen.Id("a"))
		for _, a := range absent {
			if a.Default != nil {
				want := a.Encode(*a.Default)
				g.If(jen.Id("got").Index(jen.Lit(a.Name)).Op("!=").Lit(want)).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("without "+strconv.Quote(a.Name)+", Encode gives %q, want the default %q"), jen.Id("got").Index(jen.Lit(a.Name)), jen.Lit(want)),
				)
				continue
			}
			g.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("got").Index(jen.Lit(a.Name)), jen.Id("ok")).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("without "+strconv.Quote(a.Name)+", Encode gives %q, want it absent"), jen.Id("v")),
			)
		}
	}).Line().Line()
}

// emitTestParseInvalid returns a table test of every invalid value and the
// exact message Parse must give for it.
func emitTestParseInvalid(m *model) jen.Code {
	var rows []jen.Code
	for _, a := range m.spec.Args {
		for _, c := range m.invalid[a.Name] {
			rows = append(rows, jen.Values(jen.Lit(a.Name), jen.Lit(c.value), jen.Lit(c.msg)))
		}
	}
	if len(rows) == 0 {
		return jen.Null()
	}
	return jen.Func().Id("TestParseInvalid").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Index().Struct(jen.List(jen.Id("arg"), jen.Id("value"), jen.Id("msg")).String()).Values(rows...)).Block(
			jen.Id("m").Op(":=").Id("valid").Call(),
			jen.Id("m").Index(jen.Id("tc").Dot("arg")).Op("=").Id("tc").Dot("value"),
			jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("Parse").Call(jen.Id("m")),
			jen.If(jen.List(jen.Id("got"), jen.Id("ok")).Op(":=").Id("argErrors").Call(jen.Id("err")).Index(jen.Id("tc").Dot("arg")), jen.Op("!").Id("ok").Op("||").Id("got").Op("!=").Id("tc").Dot("msg")).Block(
				jen.Id("t").Dot("Errorf").Call(jen.Lit("%s = %q: Parse error %v\nwant %q"), jen.Id("tc").Dot("arg"), jen.Id("tc").Dot("value"), jen.Id("err"), jen.Id("tc").Dot("msg")),
			),
		),
	).Line().Line()
}

// emitTestParseMissing returns TestParseMissing: each required argument
// left out is reported, and every problem is reported at once.
func emitTestParseMissing(m *model) jen.Code {
	var required []*schema.Arg
	for _, a := range m.spec.Args {
		if a.Required {
			required = append(required, a)
		}
	}
	if len(required) == 0 {
		return jen.Null()
	}
	return jen.Func().Id("TestParseMissing").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).BlockFunc(func(g *jen.Group) {
		g.Comment("Leave out every required argument and add an unknown one: all are reported.")
		g.Id("m").Op(":=").Id("valid").Call()
		for _, a := range required {
			g.Delete(jen.Id("m"), jen.Lit(a.Name))
		}
		g.Id("m").Index(jen.Lit("NotAnArgument-zzz")).Op("=").Lit("x")
		g.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("Parse").Call(jen.Id("m"))
		g.Id("got").Op(":=").Id("argErrors").Call(jen.Id("err"))
		g.Id("want").Op(":=").Map(jen.String()).String().Values(jen.DictFunc(func(d jen.Dict) {
			for _, a := range required {
				d[jen.Lit(a.Name)] = jen.Lit("is required but missing")
			}
			d[jen.Lit("NotAnArgument-zzz")] = jen.Lit("is not an argument of this function")
		}))
		g.If(jen.Op("!").Qual(pkgReflect, "DeepEqual").Call(jen.Id("got"), jen.Id("want"))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("Parse errors = %q\nwant %q"), jen.Id("got"), jen.Id("want")),
		)
	}).Line().Line()
}

// emitTestParseUnknown returns TestParseUnknown: a misspelt argument names
// the argument meant.
func emitTestParseUnknown(m *model) jen.Code {
	key, want := "UnknownArgument", "is not an argument: this function takes none"
	if m.hasArgs() {
		name := m.spec.Args[0].Name
		key = name + "x"
		want = "is not an argument of this function (did you mean " + strconv.Quote(name) + "?)"
	}
	return jen.Func().Id("TestParseUnknown").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.Id("m").Op(":=").Id("valid").Call(),
		jen.Id("m").Index(jen.Lit(key)).Op("=").Lit("x"),
		jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("Parse").Call(jen.Id("m")),
		jen.If(jen.Id("got").Op(":=").Id("argErrors").Call(jen.Id("err")).Index(jen.Lit(key)), jen.Id("got").Op("!=").Lit(want)).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("Parse with %q: error %q, want %q"), jen.Lit(key), jen.Id("got"), jen.Lit(want)),
		),
	)
}
