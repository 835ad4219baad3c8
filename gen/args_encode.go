package gen

import (
	"github.com/dave/jennifer/jen"

	"github.com/s3batchops/scaffold/schema"
)

// emitEncode returns
//
//	// Encode converts a to UserArguments: Parse's inverse.
//	func Encode(a Args) map[string]string { … }
func emitEncode(m *model) jen.Code {
	return jen.Line().Line().
		Comment("Encode converts a to the strings S3 Batch Operations sends, as for the").Line().
		Comment("UserArguments of a CreateJob request: Parse(Encode(a)) is a again. It").Line().
		Comment("leaves out optional arguments that are nil, and does not check constraints.").Line().
		Func().Id("Encode").Params(jen.Id("a").Id("Args")).Map(jen.String()).String().BlockFunc(func(g *jen.Group) {
		g.Id("m").Op(":=").Make(jen.Map(jen.String()).String(), jen.Lit(len(m.spec.Args)))
		for _, a := range m.spec.Args {
			field := jen.Id("a").Dot(a.GoName)
			set := func(v jen.Code) jen.Code { return jen.Id("m").Index(jen.Lit(a.Name)).Op("=").Add(encodeValue(a, v)) }
			switch {
			case a.Optional() && (a.Type == schema.Array || a.Type == schema.Duration || a.Type == schema.DateTime):
				// Slices are nil when absent; the methods of durations and
				// times take the pointer as it is.
				g.If(field.Clone().Op("!=").Nil()).Block(set(field.Clone()))
			case a.Optional():
				g.If(field.Clone().Op("!=").Nil()).Block(set(jen.Op("*").Add(field.Clone())))
			default:
				g.Add(set(field))
			}
		}
		g.Return(jen.Id("m"))
	})
}

// encodeValue is the wire string of the value v of a.
func encodeValue(a *schema.Arg, v jen.Code) jen.Code {
	if a.IsEnum() {
		return jen.String().Call(v)
	}
	switch a.Type {
	case schema.Integer:
		return jen.Qual(pkgStrconv, "FormatInt").Call(v, jen.Lit(10))
	case schema.Number:
		return jen.Qual(pkgStrconv, "FormatFloat").Call(v, jen.LitRune('g'), jen.Lit(-1), jen.Lit(64))
	case schema.Boolean:
		return jen.Qual(pkgStrconv, "FormatBool").Call(v)
	case schema.Duration:
		return jen.Add(v).Dot("String").Call()
	case schema.DateTime:
		return jen.Add(v).Dot("Format").Call(jen.Qual(pkgTime, "RFC3339Nano"))
	case schema.Array:
		if a.Item.Type == schema.Duration {
			// A time.Duration is a number in JSON: its items are sent
			// as the strings Parse reads.
			return jen.Id("encodeJSON").Call(jen.Id("durationStrings").Call(v))
		}
		return jen.Id("encodeJSON").Call(v)
	}
	return v
}

// emitArgsHelpers returns the unexported helpers that Parse and Encode
// call and this schema needs. Those every schema needs (argError,
// unknownArgument) are ordinary Go in templates/runtime/args.
func emitArgsHelpers(m *model) jen.Code {
	g := jen.Null()
	var hasDefault, hasArray, hasDurations bool
	for _, a := range m.spec.Args {
		hasDefault = hasDefault || a.Default != nil
		hasArray = hasArray || a.Type == schema.Array
		hasDurations = hasDurations || a.Type == schema.Array && a.Item.Type == schema.Duration
	}
	if hasDefault {
		g.Line().Line().Comment("valueOr returns m[k], or def when m has no k.").Line().
			Func().Id("valueOr").Params(jen.Id("m").Map(jen.String()).String(), jen.List(jen.Id("k"), jen.Id("def")).String()).String().Block(
			jen.If(jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Id("m").Index(jen.Id("k")), jen.Id("ok")).Block(jen.Return(jen.Id("s"))),
			jen.Return(jen.Id("def")),
		)
	}
	if hasArray {
		g.Line().Line().Add(emitEncodeJSON())
	}
	if hasDurations {
		g.Line().Line().Comment("durationStrings returns each duration as Parse reads it, such as 1m30s.").Line().
			Func().Id("durationStrings").Params(jen.Id("v").Index().Qual(pkgTime, "Duration")).Index().String().Block(
			jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Return(jen.Nil())),
			jen.Id("s").Op(":=").Make(jen.Index().String(), jen.Len(jen.Id("v"))),
			jen.For(jen.List(jen.Id("i"), jen.Id("d")).Op(":=").Range().Id("v")).Block(jen.Id("s").Index(jen.Id("i")).Op("=").Id("d").Dot("String").Call()),
			jen.Return(jen.Id("s")),
		)
	}
	return g
}

// emitEncodeJSON returns
//
//	// encodeJSON is the wire form of an array argument: a JSON array.
//	func encodeJSON[T any](v []T) string { … }
func emitEncodeJSON() jen.Code {
	return jen.Comment("encodeJSON is the wire form of an array argument: a JSON array, with").Line().
		Comment("no HTML escaping, and [] for nil.").Line().
		Func().Id("encodeJSON").Types(jen.Id("T").Any()).Params(jen.Id("v").Index().Id("T")).String().Block(
		jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Id("v").Op("=").Index().Id("T").Values()),
		jen.Var().Id("b").Qual(pkgStrings, "Builder"),
		jen.Id("enc").Op(":=").Qual(pkgJSON, "NewEncoder").Call(jen.Op("&").Id("b")),
		jen.Id("enc").Dot("SetEscapeHTML").Call(jen.False()),
		jen.Id("_").Op("=").Id("enc").Dot("Encode").Call(jen.Id("v")).Comment("slices of these types always encode"),
		jen.Return(jen.Qual(pkgStrings, "TrimSuffix").Call(jen.Id("b").Dot("String").Call(), jen.Lit("\n"))),
	)
}
