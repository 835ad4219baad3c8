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
// call; only those this schema needs.
func emitArgsHelpers(m *model) jen.Code {
	g := jen.Line().Line()
	g.Comment("argError returns an *Error listing probs, or nil when there are none.").Line().
		Func().Id("argError").Params(jen.Id("name").String(), jen.Id("probs").Index().String()).Error().Block(
		jen.If(jen.Len(jen.Id("probs")).Op("==").Lit(0)).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Op("&").Id("Error").Values(jen.Dict{
			jen.Id("Arg"): jen.Id("name"),
			jen.Id("Msg"): jen.Qual(pkgStrings, "Join").Call(jen.Id("probs"), jen.Lit("; ")),
		})),
	).Line().Line()
	g.Add(emitUnknownArgument(m))
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

// emitUnknownArgument returns unknownArgument, which names the closest
// known argument, and the edit distance it needs.
func emitUnknownArgument(m *model) jen.Code {
	doc := jen.Comment("unknownArgument is the error for a key that is not an argument.").Line()
	if !m.hasArgs() {
		return doc.Func().Id("unknownArgument").Params(jen.Id("k").String()).Error().Block(
			jen.Return(jen.Op("&").Id("Error").Values(jen.Dict{jen.Id("Arg"): jen.Id("k"), jen.Id("Msg"): jen.Lit("is not an argument: this function takes none")})),
		)
	}
	return doc.Func().Id("unknownArgument").Params(jen.Id("k").String()).Error().Block(
		jen.Id("msg").Op(":=").Lit("is not an argument of this function"),
		jen.If(jen.Id("c").Op(":=").Id("closest").Call(jen.Id("k")), jen.Id("c").Op("!=").Lit("")).Block(
			jen.Id("msg").Op("+=").Qual(pkgFmt, "Sprintf").Call(jen.Lit(" (did you mean %q?)"), jen.Id("c")),
		),
		jen.Return(jen.Op("&").Id("Error").Values(jen.Dict{jen.Id("Arg"): jen.Id("k"), jen.Id("Msg"): jen.Id("msg")})),
	).Line().Line().
		Comment("closest returns the argument name nearest to k, ignoring case, or \"\"").Line().
		Comment("when none is within a third of k's length.").Line().
		Func().Id("closest").Params(jen.Id("k").String()).String().Block(
		jen.List(jen.Id("best"), jen.Id("bestDist")).Op(":=").List(jen.Lit(""), jen.Max(jen.Lit(2), jen.Qual(pkgUTF8, "RuneCountInString").Call(jen.Id("k")).Op("/").Lit(3)).Op("+").Lit(1)),
		jen.For(jen.List(jen.Id("_"), jen.Id("name")).Op(":=").Range().Id("Names")).Block(
			jen.If(jen.Id("d").Op(":=").Id("editDistance").Call(jen.Qual(pkgStrings, "ToLower").Call(jen.Id("k")), jen.Qual(pkgStrings, "ToLower").Call(jen.Id("name"))), jen.Id("d").Op("<").Id("bestDist")).Block(
				jen.List(jen.Id("best"), jen.Id("bestDist")).Op("=").List(jen.Id("name"), jen.Id("d")),
			),
		),
		jen.Return(jen.Id("best")),
	).Line().Line().
		Comment("editDistance is the Levenshtein distance between a and b, in runes.").Line().
		Func().Id("editDistance").Params(jen.List(jen.Id("a"), jen.Id("b")).String()).Int().Block(
		jen.List(jen.Id("ra"), jen.Id("rb")).Op(":=").List(jen.Index().Rune().Call(jen.Id("a")), jen.Index().Rune().Call(jen.Id("b"))),
		jen.Id("prev").Op(":=").Make(jen.Index().Int(), jen.Len(jen.Id("rb")).Op("+").Lit(1)),
		jen.For(jen.Id("j").Op(":=").Range().Id("prev")).Block(jen.Id("prev").Index(jen.Id("j")).Op("=").Id("j")),
		jen.For(jen.Id("i").Op(":=").Range().Id("ra")).Block(
			jen.Id("cur").Op(":=").Make(jen.Index().Int(), jen.Len(jen.Id("prev"))),
			jen.Id("cur").Index(jen.Lit(0)).Op("=").Id("i").Op("+").Lit(1),
			jen.For(jen.Id("j").Op(":=").Range().Id("rb")).Block(
				jen.Id("cost").Op(":=").Lit(1),
				jen.If(jen.Id("ra").Index(jen.Id("i")).Op("==").Id("rb").Index(jen.Id("j"))).Block(jen.Id("cost").Op("=").Lit(0)),
				jen.Id("cur").Index(jen.Id("j").Op("+").Lit(1)).Op("=").Min(
					jen.Id("prev").Index(jen.Id("j").Op("+").Lit(1)).Op("+").Lit(1),
					jen.Id("cur").Index(jen.Id("j")).Op("+").Lit(1),
					jen.Id("prev").Index(jen.Id("j")).Op("+").Id("cost"),
				),
			),
			jen.Id("prev").Op("=").Id("cur"),
		),
		jen.Return(jen.Id("prev").Index(jen.Len(jen.Id("rb")))),
	)
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
