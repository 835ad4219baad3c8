package schema

import "regexp"

// Spec is a validated UserArguments schema, or task schema: the input of
// the generator.
type Spec struct {
	// Task is set for a task schema (see ParseTask).
	Task bool
	// File is the schema's path as given to Load; "" when there is no schema.
	File        string
	Title       string
	Description string
	// Args are the arguments in document order.
	Args []*Arg
}

// Type is the typed view of an argument's wire string.
type Type int

const (
	String   Type = iota // string
	Integer              // integer: int64
	Number               // number: float64
	Boolean              // boolean: true or false
	Duration             // string, format duration: time.Duration in Go syntax (90s, 1h30m)
	DateTime             // string, format date-time: time.Time in RFC 3339
	URI                  // string, format uri: an absolute URI, kept as a string
	Array                // array of one of the scalar types above, sent as a JSON array
	Object               // an object of fields, in a task schema only, one level deep
)

var typeNames = [...]string{"string", "integer", "number", "boolean", "duration", "date-time", "uri", "array", "object"}

func (t Type) String() string { return typeNames[t] }

// IsStringLike reports whether values of t are strings in JSON, so that
// minLength, maxLength and pattern apply to them.
func (t Type) IsStringLike() bool { return t == String || t == Duration || t == DateTime || t == URI }

// IsNumeric reports whether minimum and maximum apply to values of t.
func (t Type) IsNumeric() bool { return t == Integer || t == Number }

// Scalar is the type of a single value and the constraints on it: an
// argument that is not an array, or the items of one that is.
type Scalar struct {
	Type Type
	// Pattern is a Go (RE2) regular expression; "" for none. Like JSON
	// Schema's, it is not anchored.
	Pattern   string
	MinLength *int64 // in characters (Unicode code points), as JSON Schema counts
	MaxLength *int64
	Min       *Bound
	Max       *Bound
	Enum      []EnumValue // for String only
	Const     *string     // the wire form of the only allowed value

	re *regexp.Regexp // Pattern, compiled when the schema was loaded
}

// Bound is a numeric limit. Text is the number as written in the schema,
// normalised so that it is also a valid Go literal of the argument's type.
type Bound struct {
	Text      string
	Value     float64
	Exclusive bool
}

// EnumValue is one allowed value of an enum argument.
type EnumValue struct {
	Value  string
	GoName string // the name of the Go constant, such as ModeFast
}

// Arg is one UserArgument.
type Arg struct {
	// Name is the key in UserArguments, exactly as S3 sends it.
	Name string
	// GoName is the exported Go identifier of the Args field (and of the
	// enum type, for enums), decided once in this package.
	GoName string
	Pos    Pos
	// Pointer is the argument's JSON pointer in the document.
	Pointer string

	Scalar
	// Item is the type of the elements when Type is Array.
	Item     *Scalar
	MinItems *int64
	MaxItems *int64
	// Fields are the fields of an object, in a task schema.
	Fields []*Arg

	Required    bool
	Default     *string // wire form
	Title       string
	Description string
	Deprecated  bool
	Examples    []string // wire forms
	// Log is "x-log": true: the value is not a secret, and the function's
	// log lines may show it. Otherwise they show only the name.
	Log bool
}

// IsEnum reports whether the argument is one value of an enum, with a
// named Go type and constants.
func (a *Arg) IsEnum() bool { return len(a.Enum) > 0 }

// EnumValues returns the values of the argument's enum type: its own, or
// its items' for an array of enum values (whose element type is named as an
// enum argument's type is); nil when it has none.
func (a *Arg) EnumValues() []EnumValue {
	if a.Type == Array && a.Item != nil {
		return a.Item.Enum
	}
	return a.Enum
}

// Optional reports whether the argument may be absent with no default, so
// that its Go field must be able to say "not given".
func (a *Arg) Optional() bool { return !a.Required && a.Default == nil }
