package gen

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/s3batchops/scaffold/schema"
)

// The params package exists when the project has a task schema: each
// manifest key is then URL-encoded JSON carrying the task's own parameters,
// and Process gets them typed. Decode reads them strictly: the key must be
// a JSON object, no field unknown, none missing or null, each of its type
// and within its constraints; a key that is not is a PermanentFailure of its
// task, with the reason.

// emitParams returns internal/params/params.go.
func emitParams(m *model) *jen.File {
	f := newGoFile("params", Scaffold, m)
	f.PackageComment("Package params holds the parameters each task carries in its key: the")
	f.PackageComment("manifest's key field is URL-encoded JSON, and Decode reads the decoded text.")
	f.PackageComment("")
	f.PackageComment("It is generated from " + strconv.Quote(m.opts.TaskSchemaFile) + "; edit the schema and run")
	f.PackageComment("scaffold generate rather than this package.")
	f.Comment("MaxKeyLength is S3's limit on a manifest's key field, in characters.")
	f.Const().Id("MaxKeyLength").Op("=").Lit(schema.MaxKeyLength)
	f.Line()
	f.Add(emitParamsStruct("Params", "Params are a task's parameters.", m.task.Args))
	for _, a := range m.task.Args {
		switch {
		case a.Type == schema.Object:
			f.Add(emitParamsStruct(a.GoName, fmt.Sprintf("%s is the object of the field %q.", a.GoName, a.Name), a.Fields))
		case a.IsEnum():
			f.Add(emitEnumType(a))
		}
	}
	f.Add(emitParamsDecode(m))
	f.Add(emitJSONKind())
	if hasArrayField(m.task.Args) {
		f.Add(emitHasNull())
	}
	f.Add(emitPresence("Params", m.task.Args))
	f.Add(emitParamsCheck("Params", m.task.Args, ""))
	for _, a := range m.task.Args {
		if a.Type == schema.Object {
			f.Add(emitPresence(a.GoName, a.Fields))
			f.Add(emitParamsCheck(a.GoName, a.Fields, a.GoName))
		}
	}
	return f
}

// paramsFieldType is the Go type of a field: a pointer when it may be
// absent (slices are nil instead).
func paramsFieldType(a *schema.Arg) jen.Code {
	t := valueType(a)
	if a.Type == schema.Object {
		t = jen.Id(a.GoName)
	}
	if !a.Required && a.Type != schema.Array {
		return jen.Op("*").Add(t)
	}
	return t
}

// emitParamsStruct returns a struct of fields with their JSON names.
func emitParamsStruct(name, doc string, fields []*schema.Arg) jen.Code {
	return jen.Line().Comment(doc).Line().Type().Id(name).StructFunc(func(g *jen.Group) {
		for _, a := range fields {
			summary := fmt.Sprintf("%s is the field %s, %s", a.GoName, strconv.Quote(a.Name), describeType(a))
			if a.Type == schema.Object {
				summary = fmt.Sprintf("%s is the field %s, an object", a.GoName, strconv.Quote(a.Name))
			}
			if a.Required {
				summary += "; required."
			} else {
				summary += "; nil when absent."
			}
			for _, c := range docComment(summary + "\n\n" + a.Description) {
				g.Add(c)
			}
			tag := a.Name
			if !a.Required {
				tag += ",omitempty" // absent, not null: Decode rejects null
			}
			g.Id(a.GoName).Add(paramsFieldType(a)).Tag(map[string]string{"json": tag})
		}
	})
}

// emitParamsDecode returns
//
//	func Decode(key string) (Params, error) { … }
func emitParamsDecode(m *model) jen.Code {
	return jen.Line().Line().
		Comment("Decode reads a task's parameters from its key, as batch.Task.Key holds it").Line().
		Comment("(already URL-decoded). It reports every problem at once.").Line().
		Func().Id("Decode").Params(jen.Id("key").String()).Params(jen.Id("Params"), jen.Error()).Block(
		jen.If(jen.Id("n").Op(":=").Qual(pkgUTF8, "RuneCountInString").Call(jen.Id("key")), jen.Id("n").Op(">").Id("MaxKeyLength")).Block(
			jen.Return(jen.Id("Params").Values(), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("the key is %d characters long, more than S3's limit of %d"), jen.Id("n"), jen.Id("MaxKeyLength"))),
		),
		jen.If(jen.Id("probs").Op(":=").Id("presenceParams").Call(jen.Index().Byte().Call(jen.Id("key"))), jen.Len(jen.Id("probs")).Op(">").Lit(0)).Block(
			jen.Return(jen.Id("Params").Values(), jen.Qual(pkgErrors, "New").Call(jen.Qual(pkgStrings, "Join").Call(jen.Id("probs"), jen.Lit("; ")))),
		),
		jen.Var().Id("p").Id("Params"),
		jen.Id("dec").Op(":=").Qual(pkgJSON, "NewDecoder").Call(jen.Qual(pkgStrings, "NewReader").Call(jen.Id("key"))),
		jen.Id("dec").Dot("DisallowUnknownFields").Call(),
		jen.If(jen.Id("err").Op(":=").Id("dec").Dot("Decode").Call(jen.Op("&").Id("p")), jen.Id("err").Op("!=").Nil()).Block(
			jen.Return(jen.Id("Params").Values(), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("the key does not fit the task schema: %w"), jen.Id("err"))),
		),
		jen.If(jen.Id("probs").Op(":=").Id("p").Dot("check").Call(), jen.Len(jen.Id("probs")).Op(">").Lit(0)).Block(
			jen.Return(jen.Id("Params").Values(), jen.Qual(pkgErrors, "New").Call(jen.Qual(pkgStrings, "Join").Call(jen.Id("probs"), jen.Lit("; ")))),
		),
		jen.Return(jen.Id("p"), jen.Nil()),
	)
}

// emitPresence returns presence<Name>, which checks that data is a JSON
// object with every required field, none null and none unknown, before it
// is decoded (encoding/json would pass over all three).
func emitPresence(name string, fields []*schema.Arg) jen.Code {
	fn := "presence" + name
	return jen.Line().Line().
		Commentf("%s checks the fields of a %s object are there, known and not null.", fn, name).Line().
		Func().Id(fn).Params(jen.Id("data").Index().Byte()).Index().String().BlockFunc(func(g *jen.Group) {
		g.Var().Id("raw").Map(jen.String()).Qual(pkgJSON, "RawMessage")
		g.If(jen.Id("err").Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("raw")), jen.Id("err").Op("!=").Nil().Op("||").Id("raw").Op("==").Nil()).Block(
			jen.Return(jen.Index().String().Values(jen.Lit(schema.MsgNotObject))),
		)
		g.Var().Id("probs").Index().String()
		for _, a := range fields {
			name := jen.Lit(a.Name)
			want := wantKind(a)
			present := jen.If(jen.Qual("bytes", "Equal").Call(jen.Qual("bytes", "TrimSpace").Call(jen.Id("v")), jen.Index().Byte().Call(jen.Lit("null")))).Block(
				jen.Id("probs").Op("=").Append(jen.Id("probs"), jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgFieldNull), name)),
			).Else().If(jen.Id("k").Op(":=").Id("jsonKind").Call(jen.Id("v")), jen.Id("k").Op("!=").Lit(want)).Block(
				jen.Id("probs").Op("=").Append(jen.Id("probs"), jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgFieldWrongKey), name, jen.Lit(want), jen.Id("k"))),
			)
			if a.Type == schema.DateTime {
				// A date-time has no escapes: its text is between the quotes.
				text := jen.Qual(pkgStrings, "Trim").Call(jen.String().Call(jen.Qual("bytes", "TrimSpace").Call(jen.Id("v"))), jen.Lit(`"`))
				present = present.Else().If(jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Qual(pkgTime, "Parse").Call(jen.Qual(pkgTime, "RFC3339"), text), jen.Id("err").Op("!=").Nil()).Block(
					jen.Id("probs").Op("=").Append(jen.Id("probs"), jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgField), name, jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgNotDateTime), text))),
				)
			}
			if a.Type == schema.Array {
				present = present.Else().If(jen.Id("hasNull").Call(jen.Id("v"))).Block(
					jen.Id("probs").Op("=").Append(jen.Id("probs"), jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgField), name,
						jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgNotArray), jen.String().Call(jen.Qual("bytes", "TrimSpace").Call(jen.Id("v"))), jen.Lit(a.Item.Type.String()), jen.Lit(schema.ArrayExample(a.Item.Type))))),
				)
			}
			if a.Type == schema.Object {
				present = present.Else().If(jen.Qual("bytes", "HasPrefix").Call(jen.Qual("bytes", "TrimSpace").Call(jen.Id("v")), jen.Index().Byte().Call(jen.Lit("{")))).Block(
					jen.For(jen.List(jen.Id("_"), jen.Id("p")).Op(":=").Range().Id("presence" + a.GoName).Call(jen.Id("v"))).Block(
						jen.Id("probs").Op("=").Append(jen.Id("probs"), jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgField), name, jen.Id("p"))),
					),
				)
			}
			stmt := jen.If(jen.List(jen.Id("v"), jen.Id("ok")).Op(":=").Id("raw").Index(name), jen.Id("ok")).Block(present)
			if a.Required {
				stmt = stmt.Else().Block(jen.Id("probs").Op("=").Append(jen.Id("probs"), jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgFieldMissing), name)))
			}
			g.Add(stmt)
		}
		g.Var().Id("unknown").Index().String()
		g.For(jen.Id("k").Op(":=").Range().Id("raw")).Block(
			jen.Switch(jen.Id("k")).Block(
				jen.CaseFunc(func(c *jen.Group) {
					for _, a := range fields {
						c.Lit(a.Name)
					}
				}),
				jen.Default().Block(jen.Id("unknown").Op("=").Append(jen.Id("unknown"), jen.Id("k"))),
			),
		)
		g.Qual(pkgSlices, "Sort").Call(jen.Id("unknown"))
		g.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("unknown")).Block(
			jen.Id("probs").Op("=").Append(jen.Id("probs"), jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgFieldUnknown), jen.Id("k"))),
		)
		g.Return(jen.Id("probs"))
	})
}

// emitParamsCheck returns the method that checks the constraints of the
// fields of a decoded object. prefix names the object in pattern names.
func emitParamsCheck(name string, fields []*schema.Arg, prefix string) jen.Code {
	var patterns jen.Statement
	body := jen.Var().Id("probs").Index().String().Line()
	for _, a := range fields {
		named := *a
		named.GoName = prefix + a.GoName
		patterns.Add(emitPatterns(&named))
		wrap := func(msg jen.Code) jen.Code {
			return jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgField), jen.Lit(a.Name), msg)
		}
		var checks []jen.Code
		switch {
		case a.Type == schema.Object:
			checks = []jen.Code{jen.For(jen.List(jen.Id("_"), jen.Id("p")).Op(":=").Range().Id("v").Dot("check").Call()).Block(
				jen.Id("probs").Op("=").Append(jen.Id("probs"), wrap(jen.Id("p"))),
			)}
		case a.Type == schema.Array:
			checks = append(checks, itemChecks(&named)...)
			if len(checks) == 0 {
				break
			}
			// itemChecks reports into probs without the field's name: wrap
			// them by collecting into a local slice first.
			checks = []jen.Code{
				jen.Id("itemProbs").Op(":=").Func().Params().Params(jen.Id("probs").Index().String()).Block(append(checks, jen.Return())...).Call(),
				jen.For(jen.List(jen.Id("_"), jen.Id("p")).Op(":=").Range().Id("itemProbs")).Block(jen.Id("probs").Op("=").Append(jen.Id("probs"), wrap(jen.Id("p")))),
			}
		default:
			checks = scalarChecks(&a.Scalar, jen.Id("v"), encodeValue(a, jen.Id("v")), patternVar(&named, false), wrap)
			if a.Type == schema.URI {
				checks = append([]jen.Code{jen.If(jen.List(jen.Id("u"), jen.Id("err")).Op(":=").Qual(pkgURL, "Parse").Call(jen.Id("v")), jen.Id("err").Op("!=").Nil().Op("||").Op("!").Id("u").Dot("IsAbs").Call()).Block(
					jen.Id("probs").Op("=").Append(jen.Id("probs"), wrap(jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgNotURI), jen.Id("v")))),
				)}, checks...)
			}
			if a.IsEnum() {
				checks = append(checks, jen.Switch(jen.Id("v")).Block(
					jen.CaseFunc(func(c *jen.Group) {
						for _, e := range a.Enum {
							c.Id(e.GoName)
						}
					}),
					jen.Default().Block(jen.Id("probs").Op("=").Append(jen.Id("probs"), wrap(jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit(schema.MsgNotInEnum), jen.String().Call(jen.Id("v")), jen.Lit(a.EnumList()))))),
				))
			}
		}
		if len(checks) == 0 {
			continue
		}
		field := jen.Id("o").Dot(a.GoName)
		switch {
		case a.Type == schema.Array:
			body.Block(append([]jen.Code{jen.Id("v").Op(":=").Add(field)}, checks...)...).Line()
		case a.Required:
			body.Block(append([]jen.Code{jen.Id("v").Op(":=").Add(field)}, checks...)...).Line()
		default:
			body.If(field.Clone().Op("!=").Nil()).Block(append([]jen.Code{jen.Id("v").Op(":=").Op("*").Add(field)}, checks...)...).Line()
		}
	}
	body.Return(jen.Id("probs"))
	return jen.Add(&patterns).Line().Line().
		Commentf("check returns what is wrong with the values of o.").Line().
		Func().Params(jen.Id("o").Op("*").Id(name)).Id("check").Params().Index().String().Block(body)
}

// taskJSON writes a task object from the samples of fields, with values
// replaced (a JSON value) or left out ("-"), and extra members appended.
func taskJSON(fields []*schema.Arg, replace map[string]string, extra string) string {
	var parts []string
	for _, f := range fields {
		v, ok := replace[f.Name]
		if !ok {
			w, _ := f.Sample()
			v = w
			if f.Type.IsStringLike() {
				v = schema.JSON(w)
			}
		}
		if v == "-" {
			continue
		}
		parts = append(parts, schema.JSON(f.Name)+":"+v)
	}
	if extra != "" {
		parts = append(parts, extra)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// wrongKind is a JSON value of another kind than a's.
func wrongKind(a *schema.Arg) string {
	if a.Type.IsStringLike() {
		return "5"
	}
	return `"five"`
}

// paramsCase is a key Decode must reject, and what it must say: the whole
// message when exact, else a part of it.
type paramsCase struct {
	name, key, want string
	exact           bool
}

// paramsCases works out the keys to reject from the task schema, with the
// messages the schema package gives for them.
func paramsCases(task *schema.Spec) ([]paramsCase, error) {
	expect := func(key string) string { return strings.Join(task.CheckTask(key), "; ") }
	cases := []paramsCase{
		{"not JSON", `{"`, schema.MsgNotObject, true},
		{"not an object", `[1]`, schema.MsgNotObject, true},
		{"too long", `{"` + strings.Repeat("x", schema.MaxKeyLength) + `":1}`, "more than S3's limit of 1024", false},
	}
	unknown := taskJSON(task.Args, nil, `"zzzUnknown":1`)
	cases = append(cases, paramsCase{"unknown field", unknown, expect(unknown), true})
	for _, a := range task.Args {
		if a.Required {
			k := taskJSON(task.Args, map[string]string{a.Name: "-"}, "")
			cases = append(cases, paramsCase{a.Name + " missing", k, expect(k), true})
		}
		k := taskJSON(task.Args, map[string]string{a.Name: "null"}, "")
		cases = append(cases, paramsCase{a.Name + " null", k, expect(k), true})
		k = taskJSON(task.Args, map[string]string{a.Name: wrongKind(a)}, "")
		cases = append(cases, paramsCase{a.Name + " of the wrong type", k, expect(k), true})
		if a.Type == schema.Object {
			continue
		}
		invalid, err := invalidValues(a)
		if err != nil {
			return nil, err
		}
		for _, c := range invalid {
			v := c.value
			switch {
			case a.Type.IsStringLike():
				v = schema.JSON(v)
			case a.Type == schema.Boolean:
				continue
			case !json.Valid([]byte(v)) || strings.TrimSpace(v) != v:
				continue // not JSON, or JSON of a valid value (" 1" is 1)
			}
			k := taskJSON(task.Args, map[string]string{a.Name: v}, "")
			probs := task.CheckTask(k)
			if len(probs) == 0 {
				return nil, fmt.Errorf("task field %q: the task schema checker accepts %s, a key meant to break it (a bug in scaffold)", a.Name, k)
			}
			if len(probs) != 1 || strings.Contains(probs[0], ": want ") {
				continue // not a constraint of this field alone
			}
			// A value Go cannot hold in the field's type is encoding/json's to
			// report, in its words: expect the field's name.
			exact := !strings.Contains(probs[0], "is not an integer") && !(strings.Contains(probs[0], "is not a JSON array") && !strings.Contains(v, "null"))
			want := probs[0]
			if !exact {
				want = a.Name
			}
			cases = append(cases, paramsCase{a.Name + " " + c.value, k, want, exact})
		}
	}
	return cases, nil
}

// emitParamsTest returns internal/params/params_test.go.
func emitParamsTest(m *model) *jen.File {
	f := newGoFile("params", Scaffold, m)
	f.Comment("These tests check Decode against the task schema: a valid key, and keys")
	f.Comment("that are not JSON objects, with fields missing, unknown, null, of the wrong")
	f.Comment("type or outside their constraints, or too long for S3. The messages are")
	f.Comment("those scaffold's own checker gives for the same keys.")
	f.Line()
	sample := m.task.SampleTask()
	f.Func().Id("TestDecodeValid").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.List(jen.Id("p"), jen.Id("err")).Op(":=").Id("Decode").Call(jen.Lit(sample)),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatalf").Call(jen.Lit("Decode(%s): %v"), jen.Lit(sample), jen.Id("err"))),
		jen.List(jen.Id("data"), jen.Id("err")).Op(":=").Qual(pkgJSON, "Marshal").Call(jen.Id("p")),
		jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
		jen.List(jen.Id("q"), jen.Id("err")).Op(":=").Id("Decode").Call(jen.String().Call(jen.Id("data"))),
		jen.If(jen.Id("err").Op("!=").Nil().Op("||").Op("!").Qual(pkgReflect, "DeepEqual").Call(jen.Id("p"), jen.Id("q"))).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("Decode(Marshal(p)) = %+v, %v; want %+v"), jen.Id("q"), jen.Id("err"), jen.Id("p")),
		),
	)
	f.Line()
	f.Comment("FuzzDecode: whatever the key, Decode returns parameters or an error, never")
	f.Comment("panics, and what it accepts it accepts again once re-encoded.")
	f.Func().Id("FuzzDecode").Params(jen.Id("f").Op("*").Qual(pkgTesting, "F")).Block(
		jen.Id("f").Dot("Add").Call(jen.Lit(sample)),
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Id("invalid")).Block(jen.Id("f").Dot("Add").Call(jen.Id("tc").Dot("key"))),
		jen.Id("f").Dot("Fuzz").Call(jen.Func().Params(jen.Id("t").Op("*").Qual(pkgTesting, "T"), jen.Id("key").String()).Block(
			jen.List(jen.Id("p"), jen.Id("err")).Op(":=").Id("Decode").Call(jen.Id("key")),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Return()),
			jen.List(jen.Id("data"), jen.Id("err")).Op(":=").Qual(pkgJSON, "Marshal").Call(jen.Id("p")),
			jen.If(jen.Id("err").Op("!=").Nil()).Block(jen.Id("t").Dot("Fatal").Call(jen.Id("err"))),
			jen.If(jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("Decode").Call(jen.String().Call(jen.Id("data"))), jen.Id("err").Op("!=").Nil().Op("&&").Qual(pkgUTF8, "RuneCount").Call(jen.Id("data")).Op("<=").Id("MaxKeyLength")).Block(
				jen.Id("t").Dot("Fatalf").Call(jen.Lit("Decode(%s) accepted, but not its re-encoding %s: %v"), jen.Id("key"), jen.Id("data"), jen.Id("err")),
			),
		)),
	)
	f.Line()
	var rows []jen.Code
	for _, c := range m.paramsCases {
		rows = append(rows, jen.Values(jen.Lit(c.name), jen.Lit(c.key), jen.Lit(c.want), jen.Lit(c.exact)))
	}
	f.Comment("invalid are keys Decode must reject, with what it must say: the whole message")
	f.Comment("when exact, else a part of it.")
	f.Var().Id("invalid").Op("=").Index().Struct(
		jen.List(jen.Id("name"), jen.Id("key"), jen.Id("want")).String(), jen.Id("exact").Bool(),
	).Values(rows...)
	f.Line()
	f.Func().Id("TestDecodeInvalid").Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Id("invalid")).Block(
			jen.List(jen.Id("_"), jen.Id("err")).Op(":=").Id("Decode").Call(jen.Id("tc").Dot("key")),
			jen.Switch().Block(
				jen.Case(jen.Id("err").Op("==").Nil()).Block(jen.Id("t").Dot("Errorf").Call(jen.Lit("%s: Decode(%s) succeeded"), jen.Id("tc").Dot("name"), jen.Id("tc").Dot("key"))),
				jen.Case(jen.Id("tc").Dot("exact").Op("&&").Id("err").Dot("Error").Call().Op("!=").Id("tc").Dot("want"), jen.Op("!").Id("tc").Dot("exact").Op("&&").Op("!").Qual(pkgStrings, "Contains").Call(jen.Id("err").Dot("Error").Call(), jen.Id("tc").Dot("want"))).Block(
					jen.Id("t").Dot("Errorf").Call(jen.Lit("%s: Decode error\n%v\nwant %q"), jen.Id("tc").Dot("name"), jen.Id("err"), jen.Id("tc").Dot("want")),
				),
			),
		),
	)
	return f
}

// hasArrayField reports whether fields, or the fields of an object among
// them, include an array.
func hasArrayField(fields []*schema.Arg) bool {
	for _, a := range fields {
		if a.Type == schema.Array || a.Type == schema.Object && hasArrayField(a.Fields) {
			return true
		}
	}
	return false
}

// emitHasNull returns hasNull, for the presence checks of arrays.
func emitHasNull() jen.Code {
	return jen.Line().Comment("hasNull reports whether data is a JSON array with a null item, which").Line().
		Comment("encoding/json would decode as a zero value.").Line().
		Func().Id("hasNull").Params(jen.Id("data").Qual(pkgJSON, "RawMessage")).Bool().Block(
		jen.Var().Id("items").Index().Qual(pkgJSON, "RawMessage"),
		jen.If(jen.Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("items")).Op("!=").Nil()).Block(jen.Return(jen.False())),
		jen.Return(jen.Qual(pkgSlices, "ContainsFunc").Call(jen.Id("items"), jen.Func().Params(jen.Id("i").Qual(pkgJSON, "RawMessage")).Bool().Block(
			jen.Return(jen.String().Call(jen.Qual("bytes", "TrimSpace").Call(jen.Id("i"))).Op("==").Lit("null")),
		))),
	)
}

// wantKind is the JSON kind a field's value must be, in the words of
// messages ("a string", "a number", ...).
func wantKind(a *schema.Arg) string {
	switch a.Type {
	case schema.Integer, schema.Number:
		return "a number"
	case schema.Boolean:
		return "a boolean"
	case schema.Array:
		return "an array"
	case schema.Object:
		return "an object"
	}
	return "a string"
}

// emitJSONKind returns jsonKind, which names the kind of a JSON value by
// its first byte, as scaffold's own checker does.
func emitJSONKind() jen.Code {
	v := jen.Qual("bytes", "TrimSpace").Call(jen.Id("v"))
	return jen.Line().Line().Comment("jsonKind names the kind of a JSON value, for messages.").Line().
		Func().Id("jsonKind").Params(jen.Id("v").Qual(pkgJSON, "RawMessage")).String().Block(
		jen.Id("s").Op(":=").String().Call(v),
		jen.Switch().Block(
			jen.Case(jen.Id("s").Op("==").Lit("")).Block(jen.Return(jen.Lit("nothing"))),
			jen.Case(jen.Id("s").Index(jen.Lit(0)).Op("==").LitRune('"')).Block(jen.Return(jen.Lit("a string"))),
			jen.Case(jen.Id("s").Index(jen.Lit(0)).Op("==").LitRune('{')).Block(jen.Return(jen.Lit("an object"))),
			jen.Case(jen.Id("s").Index(jen.Lit(0)).Op("==").LitRune('[')).Block(jen.Return(jen.Lit("an array"))),
			jen.Case(jen.Id("s").Op("==").Lit("true").Op("||").Id("s").Op("==").Lit("false")).Block(jen.Return(jen.Lit("a boolean"))),
			jen.Case(jen.Id("s").Op("==").Lit("null")).Block(jen.Return(jen.Lit("null"))),
		),
		jen.Return(jen.Lit("a number")),
	)
}
