package gen

import (
	"fmt"
	"path"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/s3batchops/scaffold/schema"
)

// emitArgs returns internal/args/args.go: the typed Args, Parse and Encode.
func emitArgs(m *model) *jen.File {
	f := newGoFile("args", Scaffold, m)
	f.PackageComment("Package args holds the job's UserArguments: the Args type, Parse, which")
	f.PackageComment("turns the strings S3 Batch Operations sends into Args, and Encode, its inverse.")
	f.PackageComment("")
	if m.spec.File != "" {
		f.PackageComment("It is generated from " + strconv.Quote(m.opts.SchemaFile) + "; edit the schema and run")
		f.PackageComment("scaffold generate rather than this package.")
	} else {
		f.PackageComment("The function takes no arguments: Parse accepts only an empty map.")
	}
	f.Add(emitArgsType(m))
	f.Line()
	f.Comment("Names are the arguments' names as S3 sends them, in schema order.")
	f.Var().Id("Names").Op("=").Index().String().ValuesFunc(func(g *jen.Group) {
		for _, a := range m.spec.Args {
			g.Lit(a.Name)
		}
	})
	for _, a := range m.spec.Args {
		if len(a.EnumValues()) > 0 {
			f.Add(emitEnumType(a))
		}
	}
	f.Add(emitParse(m))
	for _, a := range m.spec.Args {
		if needsParseFunc(a) {
			f.Add(emitPatterns(a))
			f.Add(emitParseArg(a))
		}
	}
	f.Add(emitEncode(m))
	f.Add(emitArgsHelpers(m))
	return f
}

// scalarType is the Go type of one value of s: its package's import path
// ("" for a predeclared type) and its name. An enum is a type of its own,
// enumName.
func scalarType(s *schema.Scalar, enumName string) (pkg, name string) {
	if len(s.Enum) > 0 {
		return "", enumName
	}
	switch s.Type {
	case schema.Integer:
		return "", "int64"
	case schema.Number:
		return "", "float64"
	case schema.Boolean:
		return "", "bool"
	case schema.Duration:
		return pkgTime, "Duration"
	case schema.DateTime:
		return pkgTime, "Time"
	}
	return "", "string"
}

// goType is the Go type of one value of s.
func goType(s *schema.Scalar, enumName string) jen.Code {
	pkg, name := scalarType(s, enumName)
	if pkg != "" {
		return jen.Qual(pkg, name)
	}
	return jen.Id(name)
}

// valueType is the type Parse returns for a: a slice for arrays.
func valueType(a *schema.Arg) jen.Code {
	if a.Type == schema.Array {
		return jen.Index().Add(goType(a.Item, a.GoName))
	}
	return goType(&a.Scalar, a.GoName)
}

// fieldShape is how a's field in Args holds its values: "[]" for an
// array, "*" when the argument may be absent and has no default (slices
// are nil instead), "" otherwise; and the scalar of each value.
func fieldShape(a *schema.Arg) (string, *schema.Scalar) {
	switch {
	case a.Type == schema.Array:
		return "[]", a.Item
	case a.Optional():
		return "*", &a.Scalar
	}
	return "", &a.Scalar
}

// fieldType is the type of a's field in Args: valueType's, or a pointer
// to it for an argument that may be absent (fieldShape "*").
func fieldType(a *schema.Arg) jen.Code {
	if shape, _ := fieldShape(a); shape == "*" {
		return jen.Op("*").Add(valueType(a))
	}
	return valueType(a)
}

// fieldTypeName is fieldType(a) as Go source, "*int64" or "[]time.Time",
// as scaffold.lock records it: written out from the same table rather
// than rendered, which would format a snippet of Go for each argument
// (TestFieldTypeName keeps the two the same).
func fieldTypeName(a *schema.Arg) string {
	shape, s := fieldShape(a)
	pkg, name := scalarType(s, a.GoName)
	if pkg != "" {
		name = path.Base(pkg) + "." + name
	}
	return shape + name
}

// emitArgsType returns
//
//	// Args are the job's UserArguments.
//	type Args struct {
//		// MyBucket is "MyBucket": a string, required.
//		MyBucket string
//	}
func emitArgsType(m *model) jen.Code {
	return jen.Comment("Args are the job's UserArguments, typed.").Line().
		Type().Id("Args").StructFunc(func(g *jen.Group) {
		for i, a := range m.spec.Args {
			if i > 0 {
				g.Line()
			}
			for _, c := range fieldDoc(a) {
				g.Add(c)
			}
			g.Id(a.GoName).Add(fieldType(a))
		}
	})
}

// fieldDoc documents a field: what S3 sends, whether it must, and the
// schema's own title and description.
func fieldDoc(a *schema.Arg) []jen.Code {
	summary := fmt.Sprintf("%s is the argument %s, %s", a.GoName, strconv.Quote(a.Name), describeType(a))
	switch {
	case a.Required:
		summary += "; required."
	case a.Default != nil:
		summary += "; default " + strconv.Quote(*a.Default) + "."
	default:
		summary += "; nil when absent."
	}
	text := summary
	if a.Title != "" {
		text += "\n\n" + a.Title
	}
	if a.Description != "" {
		text += "\n\n" + a.Description
	}
	if a.Deprecated {
		text += "\n\nDeprecated: the schema marks this argument deprecated."
	}
	return docComment(text)
}

func describeType(a *schema.Arg) string {
	switch {
	case a.IsEnum():
		return "one of " + a.EnumList()
	case a.Type == schema.Array && len(a.Item.Enum) > 0:
		return "a JSON array of " + a.Item.EnumList()
	case a.Type == schema.Array:
		return "a JSON array of " + a.Item.Type.String() + "s"
	case a.Type == schema.Duration:
		return "a duration such as 90s or 1h30m"
	case a.Type == schema.DateTime:
		return "an RFC 3339 date-time"
	case a.Type == schema.URI:
		return "an absolute URI"
	}
	if a.Type == schema.Integer {
		return "an integer"
	}
	return "a " + a.Type.String()
}

// emitEnumType returns
//
//	// Mode is the type of the argument "mode".
//	type Mode string
//
//	const (
//		ModeFast Mode = "fast"
//	)
//
// For an array of enum values, the type is its items'.
func emitEnumType(a *schema.Arg) jen.Code {
	doc := fmt.Sprintf("%s is the type of the argument %s.", a.GoName, strconv.Quote(a.Name))
	if a.Type == schema.Array {
		doc = fmt.Sprintf("%s is the type of the items of the argument %s.", a.GoName, strconv.Quote(a.Name))
	}
	return jen.Line().Comment(doc).Line().
		Type().Id(a.GoName).String().Line().Line().
		Commentf("The values of %s.", a.GoName).Line().
		Const().DefsFunc(func(g *jen.Group) {
		for _, e := range a.EnumValues() {
			g.Id(e.GoName).Id(a.GoName).Op("=").Lit(e.Value)
		}
	})
}

// emitParse returns
//
//	func Parse(m map[string]string) (Args, error) { … }
func emitParse(m *model) jen.Code {
	return jen.Line().
		Comment("Parse converts the UserArguments of an S3 Batch Operations event to Args.").Line().
		Comment("It applies defaults, converts each string to its type, checks every").Line().
		Comment("constraint of the schema and rejects unknown arguments, and it reports").Line().
		Comment("every problem at once.").Line().
		Func().Id("Parse").Params(jen.Id("m").Map(jen.String()).String()).Params(jen.Id("Args"), jen.Error()).BlockFunc(func(g *jen.Group) {
		g.Var().Id("a").Id("Args")
		g.Var().Id("errs").Index().Error()
		g.Var().Id("unknown").Index().String()
		g.For(jen.Id("k").Op(":=").Range().Id("m")).Block(
			jen.If(jen.Op("!").Qual(pkgSlices, "Contains").Call(jen.Id("Names"), jen.Id("k"))).Block(
				jen.Id("unknown").Op("=").Append(jen.Id("unknown"), jen.Id("k")),
			),
		)
		g.Qual(pkgSlices, "Sort").Call(jen.Id("unknown"))
		g.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("unknown")).Block(
			appendErr(jen.Id("unknownArgument").Call(jen.Id("k"), jen.Id("Names"))),
		)
		for _, a := range m.spec.Args {
			g.Add(emitParseCall(a))
		}
		g.Return(jen.Id("a"), jen.Qual(pkgErrors, "Join").Call(jen.Id("errs").Op("...")))
	})
}

func appendErr(err jen.Code) jen.Code {
	return jen.Id("errs").Op("=").Append(jen.Id("errs"), err)
}

// emitParseCall returns the statement of Parse that fills one field, such as
//
//	if s, ok := m["MyBucket"]; !ok {
//		errs = append(errs, &Error{Arg: "MyBucket", Msg: "is required but missing"})
//	} else if v, err := parseMyBucket(s); err != nil {
//		errs = append(errs, err)
//	} else {
//		a.MyBucket = v
//	}
//
// A plain string with no constraints needs no parse function: the field
// is assigned directly.
func emitParseCall(a *schema.Arg) jen.Code {
	field := jen.Id("a").Dot(a.GoName)
	ptr := a.Optional() && a.Type != schema.Array
	value := jen.Id("v")
	if !needsParseFunc(a) {
		value = jen.Id("s")
	}
	assign := jen.Add(field.Clone()).Op("=").Add(value)
	if ptr {
		assign = jen.Add(field.Clone()).Op("=").Op("&").Add(value)
	}
	parse := assign
	if needsParseFunc(a) {
		call := jen.List(jen.Id("v"), jen.Id("err")).Op(":=").Id(parseFuncName(a)).Call(jen.Id("s"))
		parse = jen.If(call).Op(";").Id("err").Op("!=").Nil().Block(appendErr(jen.Id("err"))).Else().Block(assign)
	}
	lookup := jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Id("m").Index(jen.Lit(a.Name))
	switch {
	case a.Required:
		missing := jen.Op("&").Id("Error").Values(jen.Dict{jen.Id("Arg"): jen.Lit(a.Name), jen.Id("Msg"): jen.Lit("is required but missing")})
		if !needsParseFunc(a) {
			return jen.If(lookup, jen.Op("!").Id("ok")).Block(appendErr(missing)).Else().Block(parse)
		}
		return jen.If(lookup, jen.Op("!").Id("ok")).Block(appendErr(missing)).Else().Add(parse)
	case a.Default != nil:
		def := jen.Id("valueOr").Call(jen.Id("m"), jen.Lit(a.Name), jen.Lit(*a.Default))
		if !needsParseFunc(a) {
			return jen.Add(field.Clone()).Op("=").Add(def)
		}
		return jen.If(jen.List(jen.Id("v"), jen.Id("err")).Op(":=").Id(parseFuncName(a)).Call(def), jen.Id("err").Op("!=").Nil()).
			Block(appendErr(jen.Id("err"))).Else().Block(jen.Add(field.Clone()).Op("=").Id("v"))
	default:
		return jen.If(lookup, jen.Id("ok")).Block(parse)
	}
}

// needsParseFunc reports whether a's wire string needs converting or
// checking.
func needsParseFunc(a *schema.Arg) bool {
	s := &a.Scalar
	return a.Type != schema.String || s.Pattern != "" || s.MinLength != nil || s.MaxLength != nil ||
		s.Const != nil || len(s.Enum) > 0
}

func parseFuncName(a *schema.Arg) string { return "parse" + a.GoName }

func patternVar(a *schema.Arg, item bool) string {
	if item {
		return "pattern" + a.GoName + "Item"
	}
	return "pattern" + a.GoName
}

// emitPatterns returns the compiled patterns of a, if any:
//
//	var patternMyBucket = regexp.MustCompile(`^[a-z0-9.-]+$`)
func emitPatterns(a *schema.Arg) jen.Code {
	g := jen.Null()
	if a.Pattern != "" {
		g.Line().Var().Id(patternVar(a, false)).Op("=").Qual(pkgRegexp, "MustCompile").Call(jen.Lit(a.Pattern))
	}
	if a.Item != nil && a.Item.Pattern != "" {
		g.Line().Var().Id(patternVar(a, true)).Op("=").Qual(pkgRegexp, "MustCompile").Call(jen.Lit(a.Item.Pattern))
	}
	return g
}

// argErr returns &Error{Arg: name, Msg: fmt.Sprintf(format, args...)}.
func argErr(a *schema.Arg, format string, args ...jen.Code) jen.Code {
	return jen.Op("&").Id("Error").Values(jen.Dict{
		jen.Id("Arg"): jen.Lit(a.Name),
		jen.Id("Msg"): jen.Qual(pkgFmt, "Sprintf").Call(append([]jen.Code{jen.Lit(format)}, args...)...),
	})
}

// emitParseArg returns the function that parses one argument's wire string:
//
//	// parseCount parses the argument "count".
//	func parseCount(s string) (int64, error) {
//		v, err := strconv.ParseInt(s, 10, 64)
//		if err != nil {
//			return 0, &Error{Arg: "count", Msg: fmt.Sprintf("%q is not an integer", s)}
//		}
//		var probs []string
//		if v < 1 {
//			probs = append(probs, fmt.Sprintf("%s is less than the minimum, %s", s, "1"))
//		}
//		return v, argError("count", probs)
//	}
func emitParseArg(a *schema.Arg) jen.Code {
	zero := jen.Id("v")
	return jen.Line().Line().
		Commentf("%s parses the argument %s.", parseFuncName(a), strconv.Quote(a.Name)).Line().
		Func().Id(parseFuncName(a)).Params(jen.Id("s").String()).Params(valueType(a), jen.Error()).BlockFunc(func(g *jen.Group) {
		if convertsItems(a) {
			emitParseStringItems(g, a)
			return
		}
		if a.Type == schema.Array {
			emitDecodeArray(g, a)
		} else {
			emitConvert(g, a, &a.Scalar, jen.Id("s"), jen.Id("v"))
		}
		var checks []jen.Code
		if a.Type == schema.Array {
			checks = itemChecks(a)
		} else {
			checks = scalarChecks(&a.Scalar, jen.Id("v"), jen.Id("s"), patternVar(a, false), func(msg jen.Code) jen.Code { return msg })
		}
		if len(checks) == 0 {
			g.Return(zero, jen.Nil())
			return
		}
		g.Var().Id("probs").Index().String()
		for _, c := range checks {
			g.Add(c)
		}
		g.Return(zero, jen.Id("argError").Call(jen.Lit(a.Name), jen.Id("probs")))
	})
}

// emitConvert declares v, converted from the wire string s, returning an
// Error when s is not a value of the type at all.
func emitConvert(g *jen.Group, a *schema.Arg, s *schema.Scalar, wire, v jen.Code) {
	ret := func(format string) jen.Code {
		return jen.Return(jen.Id("v"), argErr(a, format, wire))
	}
	if len(s.Enum) > 0 {
		g.Id("v").Op(":=").Id(a.GoName).Call(wire)
		g.Switch(jen.Id("v")).Block(
			jen.CaseFunc(func(c *jen.Group) {
				for _, e := range s.Enum {
					c.Id(e.GoName)
				}
			}),
			jen.Default().Block(jen.Return(jen.Id("v"), argErr(a, schema.MsgNotInEnum, wire, jen.Lit(s.EnumList())))),
		)
		return
	}
	convert := func(call jen.Code, bad jen.Code, format string) {
		g.List(jen.Id("v"), jen.Id("err")).Op(":=").Add(call)
		g.If(bad).Block(ret(format))
	}
	errNotNil := jen.Id("err").Op("!=").Nil()
	switch s.Type {
	case schema.String:
		g.Id("v").Op(":=").Add(wire)
	case schema.URI:
		g.Id("v").Op(":=").Add(wire)
		g.If(jen.List(jen.Id("u"), jen.Id("err")).Op(":=").Qual(pkgURL, "Parse").Call(wire), jen.Id("err").Op("!=").Nil().Op("||").Op("!").Id("u").Dot("IsAbs").Call()).Block(ret(schema.MsgNotURI))
	case schema.Integer:
		convert(jen.Qual(pkgStrconv, "ParseInt").Call(wire, jen.Lit(10), jen.Lit(64)), errNotNil, schema.MsgNotInteger)
	case schema.Number:
		convert(jen.Qual(pkgStrconv, "ParseFloat").Call(wire, jen.Lit(64)),
			jen.Add(errNotNil).Op("||").Qual("math", "IsInf").Call(jen.Id("v"), jen.Lit(0)).Op("||").Qual("math", "IsNaN").Call(jen.Id("v")),
			schema.MsgNotNumber)
	case schema.Boolean:
		g.Id("v").Op(":=").Add(wire).Op("==").Lit("true")
		g.If(jen.Op("!").Id("v").Op("&&").Add(wire).Op("!=").Lit("false")).Block(ret(schema.MsgNotBoolean))
	case schema.Duration:
		convert(jen.Qual(pkgTime, "ParseDuration").Call(wire), errNotNil, schema.MsgNotDuration)
	case schema.DateTime:
		convert(jen.Qual(pkgTime, "Parse").Call(jen.Qual(pkgTime, "RFC3339"), wire), errNotNil, schema.MsgNotDateTime)
	}
}

// emitDecodeArray declares v, decoded from the JSON array in s. Items are
// decoded through pointers so that a null item is an error, not a zero.
//
//	var items []*int64
//	if err := json.Unmarshal([]byte(s), &items); err != nil || items == nil || slices.Contains(items, nil) {
//		return nil, &Error{…}
//	}
//	v := make([]int64, len(items))
func emitDecodeArray(g *jen.Group, a *schema.Arg) {
	item := goType(a.Item, "")
	g.Var().Id("items").Index().Op("*").Add(item)
	g.If(
		jen.Id("err").Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Index().Byte().Call(jen.Id("s")), jen.Op("&").Id("items")),
		jen.Id("err").Op("!=").Nil().Op("||").Id("items").Op("==").Nil().Op("||").Qual(pkgSlices, "Contains").Call(jen.Id("items"), jen.Nil()),
	).Block(jen.Return(jen.Nil(), argErr(a, schema.MsgNotArray, jen.Id("s"), jen.Lit(a.Item.Type.String()), jen.Lit(a.Item.ArrayExample()))))
	g.Id("v").Op(":=").Make(jen.Index().Add(item), jen.Len(jen.Id("items")))
	g.For(jen.List(jen.Id("i"), jen.Id("p")).Op(":=").Range().Id("items")).Block(
		jen.Id("v").Index(jen.Id("i")).Op("=").Op("*").Id("p"),
	)
}

// itemChecks checks the number of items and each item's constraints.
func itemChecks(a *schema.Arg) []jen.Code {
	var out []jen.Code
	n := jen.Len(jen.Id("v"))
	if a.MinItems != nil {
		out = append(out, jen.If(jen.Add(n).Op("<").Lit(int(*a.MinItems))).Block(addProb(jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgMinItems), n, jen.Lit(int(*a.MinItems))))))
	}
	if a.MaxItems != nil {
		out = append(out, jen.If(jen.Add(n).Op(">").Lit(int(*a.MaxItems))).Block(addProb(jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgMaxItems), n, jen.Lit(int(*a.MaxItems))))))
	}
	it := jen.Id("it")
	var wire jen.Code = it
	switch a.Item.Type {
	case schema.Integer:
		wire = jen.Qual(pkgStrconv, "FormatInt").Call(it, jen.Lit(10))
	case schema.Number:
		wire = jen.Qual(pkgStrconv, "FormatFloat").Call(it, jen.LitRune('g'), jen.Lit(-1), jen.Lit(64))
	case schema.Boolean:
		wire = jen.Qual(pkgStrconv, "FormatBool").Call(it)
	}
	wrap := func(msg jen.Code) jen.Code {
		return jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgItem), jen.Id("i"), msg)
	}
	if checks := scalarChecks(a.Item, it, wire, patternVar(a, true), wrap); len(checks) > 0 {
		out = append(out, jen.For(jen.List(jen.Id("i"), jen.Id("it")).Op(":=").Range().Id("v")).Block(checks...))
	}
	return out
}

func addProb(msg jen.Code) jen.Code {
	return jen.Id("probs").Op("=").Append(jen.Id("probs"), msg)
}

// scalarChecks returns one if statement per constraint of s on the typed
// value v, whose wire form is wire; wrap may add context to the message.
func scalarChecks(s *schema.Scalar, v, wire jen.Code, pattern string, wrap func(jen.Code) jen.Code) []jen.Code {
	var out []jen.Code
	check := func(cond jen.Code, format string, args ...jen.Code) {
		msg := jen.Qual(pkgFmt, "Sprintf").Call(append([]jen.Code{jen.Lit(format)}, args...)...)
		out = append(out, jen.If(cond).Block(addProb(wrap(msg))))
	}
	lit := func(b *schema.Bound) jen.Code {
		if s.Type == schema.Integer {
			n, _ := strconv.ParseInt(b.Text, 10, 64)
			return jen.Lit(int(n))
		}
		return jen.Lit(b.Value)
	}
	if s.Const != nil {
		var want jen.Code = jen.Lit(*s.Const)
		cmp := wire
		switch s.Type {
		case schema.Integer, schema.Number, schema.Boolean:
			cmp = v
			want = constValue(s)
		}
		check(jen.Add(cmp).Op("!=").Add(want), schema.MsgNotConst, wire, jen.Lit(*s.Const))
	}
	if b := s.Min; b != nil {
		if b.Exclusive {
			check(jen.Add(v).Op("<=").Add(lit(b)), schema.MsgExclMinimum, wire, jen.Lit(b.Text))
		} else {
			check(jen.Add(v).Op("<").Add(lit(b)), schema.MsgMinimum, wire, jen.Lit(b.Text))
		}
	}
	if b := s.Max; b != nil {
		if b.Exclusive {
			check(jen.Add(v).Op(">=").Add(lit(b)), schema.MsgExclMaximum, wire, jen.Lit(b.Text))
		} else {
			check(jen.Add(v).Op(">").Add(lit(b)), schema.MsgMaximum, wire, jen.Lit(b.Text))
		}
	}
	runes := jen.Qual(pkgUTF8, "RuneCountInString").Call(wire)
	if s.MinLength != nil {
		check(jen.Add(runes).Op("<").Lit(int(*s.MinLength)), schema.MsgMinLength, wire, jen.Lit(int(*s.MinLength)))
	}
	if s.MaxLength != nil {
		check(jen.Add(runes).Op(">").Lit(int(*s.MaxLength)), schema.MsgMaxLength, wire, jen.Lit(int(*s.MaxLength)))
	}
	if s.Pattern != "" {
		check(jen.Op("!").Id(pattern).Dot("MatchString").Call(wire), schema.MsgPattern, wire, jen.Lit(s.Pattern))
	}
	return out
}

// constValue is the typed Go literal of a numeric or boolean const.
func constValue(s *schema.Scalar) jen.Code {
	switch s.Type {
	case schema.Integer:
		n, _ := strconv.ParseInt(*s.Const, 10, 64)
		return jen.Lit(int(n))
	case schema.Number:
		f, _ := strconv.ParseFloat(*s.Const, 64)
		return jen.Lit(f)
	}
	return jen.Lit(*s.Const == "true")
}

// convertsItems reports whether a is an array whose items are JSON strings
// converted one by one: enum values, durations, date-times and URIs.
func convertsItems(a *schema.Arg) bool {
	return a.Type == schema.Array && a.Item.Type.IsStringLike() && (a.Item.Type != schema.String || len(a.Item.Enum) > 0)
}

// emitParseStringItems writes the body of the parse function of an array
// whose items convertsItems: the JSON array decoded as strings, the number
// of items checked, then each item converted and checked, every problem
// reported, as the schema's checker reports them.
//
//	var items []*string
//	if err := json.Unmarshal([]byte(s), &items); err != nil || … {
//		return nil, &Error{…}
//	}
//	v := make([]time.Duration, len(items))
//	var probs []string
//	for i, p := range items {
//		it, err := time.ParseDuration(*p)
//		if err != nil {
//			probs = append(probs, fmt.Sprintf("item %d: %s", i, fmt.Sprintf("%q is not a duration …", *p)))
//			continue
//		}
//		v[i] = it
//	}
//	return v, argError("Waits", probs)
func emitParseStringItems(g *jen.Group, a *schema.Arg) {
	g.Var().Id("items").Index().Op("*").String()
	g.If(
		jen.Id("err").Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Index().Byte().Call(jen.Id("s")), jen.Op("&").Id("items")),
		jen.Id("err").Op("!=").Nil().Op("||").Id("items").Op("==").Nil().Op("||").Qual(pkgSlices, "Contains").Call(jen.Id("items"), jen.Nil()),
	).Block(jen.Return(jen.Nil(), argErr(a, schema.MsgNotArray, jen.Id("s"), jen.Lit(a.Item.Type.String()), jen.Lit(a.Item.ArrayExample()))))
	g.Id("v").Op(":=").Make(jen.Index().Add(goType(a.Item, a.GoName)), jen.Len(jen.Id("items")))
	g.Var().Id("probs").Index().String()
	n := jen.Len(jen.Id("v"))
	if a.MinItems != nil {
		g.If(jen.Add(n).Op("<").Lit(int(*a.MinItems))).Block(addProb(jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgMinItems), n, jen.Lit(int(*a.MinItems)))))
	}
	if a.MaxItems != nil {
		g.If(jen.Add(n).Op(">").Lit(int(*a.MaxItems))).Block(addProb(jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgMaxItems), n, jen.Lit(int(*a.MaxItems)))))
	}
	wire := jen.Op("*").Id("p")
	wrap := func(msg jen.Code) jen.Code {
		return jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgItem), jen.Id("i"), msg)
	}
	g.For(jen.List(jen.Id("i"), jen.Id("p")).Op(":=").Range().Id("items")).BlockFunc(func(body *jen.Group) {
		emitConvertItem(body, a, wire.Clone(), wrap)
		body.Id("v").Index(jen.Id("i")).Op("=").Id("it")
		for _, c := range scalarChecks(a.Item, jen.Id("it"), wire.Clone(), patternVar(a, true), wrap) {
			body.Add(c)
		}
	})
	g.Return(jen.Id("v"), jen.Id("argError").Call(jen.Lit(a.Name), jen.Id("probs")))
}

// emitConvertItem declares it, one item converted from its wire string; an
// item that is not a value of the type adds its problem, and the loop goes
// on to the next.
func emitConvertItem(g *jen.Group, a *schema.Arg, wire jen.Code, wrap func(jen.Code) jen.Code) {
	bad := func(format string, args ...jen.Code) []jen.Code {
		return []jen.Code{addProb(wrap(jen.Qual(pkgFmt, "Sprintf").Call(append([]jen.Code{jen.Lit(format), wire}, args...)...))), jen.Continue()}
	}
	s := a.Item
	switch {
	case len(s.Enum) > 0:
		g.Id("it").Op(":=").Id(a.GoName).Call(wire)
		g.Switch(jen.Id("it")).Block(
			jen.CaseFunc(func(c *jen.Group) {
				for _, e := range s.Enum {
					c.Id(e.GoName)
				}
			}),
			jen.Default().Block(bad(schema.MsgNotInEnum, jen.Lit(s.EnumList()))...),
		)
	case s.Type == schema.Duration:
		g.List(jen.Id("it"), jen.Id("err")).Op(":=").Qual(pkgTime, "ParseDuration").Call(wire)
		g.If(jen.Id("err").Op("!=").Nil()).Block(bad(schema.MsgNotDuration)...)
	case s.Type == schema.DateTime:
		g.List(jen.Id("it"), jen.Id("err")).Op(":=").Qual(pkgTime, "Parse").Call(jen.Qual(pkgTime, "RFC3339"), wire)
		g.If(jen.Id("err").Op("!=").Nil()).Block(bad(schema.MsgNotDateTime)...)
	case s.Type == schema.URI:
		g.Id("it").Op(":=").Add(wire)
		g.If(jen.List(jen.Id("u"), jen.Id("err")).Op(":=").Qual(pkgURL, "Parse").Call(wire), jen.Id("err").Op("!=").Nil().Op("||").Op("!").Id("u").Dot("IsAbs").Call()).Block(bad(schema.MsgNotURI)...)
	}
}
