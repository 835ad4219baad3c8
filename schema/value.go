package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Messages for a wire value that does not fit its argument. The generated
// Parse function uses the same texts (the generator emits these constants
// as literals), so that `scaffold` and the deployed function describe a bad
// value in the same words. Each takes the value (%q) first where it has one.
const (
	MsgNotInteger  = "%q is not an integer"
	MsgNotNumber   = "%q is not a number"
	MsgNotBoolean  = "%q is not true or false"
	MsgNotDuration = "%q is not a duration (write it as Go does: 90s, 15m, 1h30m)"
	MsgNotDateTime = "%q is not an RFC 3339 date-time (such as 2024-05-01T12:00:00Z)"
	MsgNotURI      = "%q is not an absolute URI (such as https://example.com/path)"
	MsgNotArray    = "%q is not a JSON array of %ss (such as %s)"
	MsgNotInEnum   = "%q is not one of %s"
	MsgNotConst    = "%q is not the only allowed value, %q"
	MsgMinimum     = "%s is less than the minimum, %s"
	MsgExclMinimum = "%s is not greater than %s"
	MsgMaximum     = "%s is greater than the maximum, %s"
	MsgExclMaximum = "%s is not less than %s"
	MsgMinLength   = "%q is shorter than the minimum length, %d"
	MsgMaxLength   = "%q is longer than the maximum length, %d"
	MsgPattern     = "%q does not match the pattern %s"
	MsgMinItems    = "has %d items, fewer than %d"
	MsgMaxItems    = "has %d items, more than %d"
	MsgItem        = "item %d: %s"
	// MsgNoSample is the problem of an argument with no valid value to test
	// with: a pattern, and no example or default.
	MsgNoSample     = "cannot make a valid sample value for the generated tests"
	MaxValueLength  = 1024 // S3's limit on an argument value, in characters
	MaxNameLength   = 64   // S3's limit on an argument name, in characters
	MaxArgs         = 10   // S3's limit on the number of arguments
	sampleDateTime  = "2024-05-01T12:00:00Z"
	sampleDuration  = "1m30s"
	sampleURI       = "https://example.com/"
	arrayItemSample = `["a","b"]`
)

// Check returns what is wrong with wire as a value of a, or nil.
func (a *Arg) Check(wire string) []string {
	if a.Type == Object {
		return checkObject(a.Fields, wire)
	}
	if a.Type != Array {
		return a.Scalar.check(wire)
	}
	items, msg := decodeArray(wire, a.Item)
	if msg != "" {
		return []string{msg}
	}
	var probs []string
	if a.MinItems != nil && int64(len(items)) < *a.MinItems {
		probs = append(probs, fmt.Sprintf(MsgMinItems, len(items), *a.MinItems))
	}
	if a.MaxItems != nil && int64(len(items)) > *a.MaxItems {
		probs = append(probs, fmt.Sprintf(MsgMaxItems, len(items), *a.MaxItems))
	}
	for i, it := range items {
		for _, p := range a.Item.check(it) {
			probs = append(probs, fmt.Sprintf(MsgItem, i, p))
		}
	}
	return probs
}

// decodeArray splits the wire form of an array into the wire forms of its
// items, or says why it cannot.
func decodeArray(wire string, s *Scalar) ([]string, string) {
	item := s.Type
	bad := fmt.Sprintf(MsgNotArray, wire, item, s.ArrayExample())
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(wire), &raw); err != nil || raw == nil {
		return nil, bad
	}
	out := make([]string, len(raw))
	for i, r := range raw {
		if string(r) == "null" {
			return nil, bad
		}
		var err error
		switch {
		case item.IsStringLike():
			err = json.Unmarshal(r, &out[i])
			if err == nil && r[0] != '"' {
				return nil, bad
			}
		case item == Boolean:
			var b bool
			err = json.Unmarshal(r, &b)
			out[i] = strconv.FormatBool(b)
		default:
			// json.Number would also take a quoted number: the generated
			// code, decoding into int64 or float64, does not.
			var n json.Number
			if err = json.Unmarshal(r, &n); err == nil && r[0] == '"' {
				return nil, bad
			}
			if _, perr := strconv.ParseInt(n.String(), 10, 64); item == Integer && perr != nil {
				return nil, bad
			}
			out[i] = n.String()
		}
		if err != nil {
			return nil, bad
		}
	}
	return out, ""
}

// ArrayExample is a valid wire value of an array of items s, for messages:
// for enum values, drawn from them.
func (s *Scalar) ArrayExample() string {
	if n := len(s.Enum); n > 0 {
		values := []string{s.Enum[0].Value}
		if n > 1 {
			values = append(values, s.Enum[1].Value)
		}
		return JSON(values)
	}
	return ArrayExample(s.Type)
}

// ArrayExample is a valid wire value of an array of items, for messages.
func ArrayExample(item Type) string {
	switch item {
	case Integer:
		return "[1,2]"
	case Number:
		return "[1.5,2]"
	case Boolean:
		return "[true,false]"
	case Duration:
		return `["90s","1h30m"]`
	case DateTime:
		return `["2024-05-01T12:00:00Z"]`
	case URI:
		return `["https://example.com/"]`
	}
	return arrayItemSample
}

func (s *Scalar) check(wire string) []string {
	var probs []string
	add := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	canon := wire
	var value float64
	switch s.Type {
	case Integer:
		n, err := strconv.ParseInt(wire, 10, 64)
		if err != nil {
			return []string{fmt.Sprintf(MsgNotInteger, wire)}
		}
		value, canon = float64(n), strconv.FormatInt(n, 10)
	case Number:
		f, err := strconv.ParseFloat(wire, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return []string{fmt.Sprintf(MsgNotNumber, wire)}
		}
		value, canon = f, formatFloat(f)
	case Boolean:
		if wire != "true" && wire != "false" {
			return []string{fmt.Sprintf(MsgNotBoolean, wire)}
		}
	case Duration:
		if _, err := time.ParseDuration(wire); err != nil {
			return []string{fmt.Sprintf(MsgNotDuration, wire)}
		}
	case DateTime:
		if _, err := time.Parse(time.RFC3339, wire); err != nil {
			return []string{fmt.Sprintf(MsgNotDateTime, wire)}
		}
	case URI:
		if u, err := url.Parse(wire); err != nil || !u.IsAbs() {
			return []string{fmt.Sprintf(MsgNotURI, wire)}
		}
	}
	if s.Const != nil && canon != *s.Const {
		add(MsgNotConst, wire, *s.Const)
	}
	if len(s.Enum) > 0 && !s.inEnum(wire) {
		add(MsgNotInEnum, wire, s.EnumList())
	}
	if s.Min != nil {
		if s.Min.Exclusive && value <= s.Min.Value {
			add(MsgExclMinimum, wire, s.Min.Text)
		} else if !s.Min.Exclusive && value < s.Min.Value {
			add(MsgMinimum, wire, s.Min.Text)
		}
	}
	if s.Max != nil {
		if s.Max.Exclusive && value >= s.Max.Value {
			add(MsgExclMaximum, wire, s.Max.Text)
		} else if !s.Max.Exclusive && value > s.Max.Value {
			add(MsgMaximum, wire, s.Max.Text)
		}
	}
	n := int64(utf8.RuneCountInString(wire))
	if s.MinLength != nil && n < *s.MinLength {
		add(MsgMinLength, wire, *s.MinLength)
	}
	if s.MaxLength != nil && n > *s.MaxLength {
		add(MsgMaxLength, wire, *s.MaxLength)
	}
	if re := s.Regexp(); re != nil && !re.MatchString(wire) {
		add(MsgPattern, wire, s.Pattern)
	}
	return probs
}

func (s *Scalar) inEnum(wire string) bool {
	for _, e := range s.Enum {
		if e.Value == wire {
			return true
		}
	}
	return false
}

// EnumList is the enum values as they appear in messages: "a", "b" or "c".
func (s *Scalar) EnumList() string {
	q := make([]string, len(s.Enum))
	for i, e := range s.Enum {
		q[i] = strconv.Quote(e.Value)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// Regexp returns the compiled pattern, or nil when there is none: compiled
// once, when the schema was loaded, since Check runs for every value (every
// manifest line of scaffold manifest, say).
func (s *Scalar) Regexp() *regexp.Regexp {
	if s.re == nil && s.Pattern != "" {
		s.re = regexp.MustCompile(s.Pattern) // a Scalar made outside Load
	}
	return s.re
}

// formatFloat is the wire form of a number, the same as the generated
// Encode writes.
func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// Sample returns a valid wire value for a, for generated tests and example
// events: the first example, else the default, else one made to fit the
// constraints. ok is false when none can be made (a pattern with no
// example), which the loader reports.
func (a *Arg) Sample() (wire string, ok bool) {
	if len(a.Examples) > 0 {
		return a.Examples[0], true
	}
	if a.Default != nil {
		return *a.Default, true
	}
	if a.Type == Object {
		return sampleObject(a.Fields)
	}
	if a.Type != Array {
		w := a.Scalar.sample()
		return w, len(a.Check(w)) == 0
	}
	n := int64(1)
	if a.MinItems != nil && *a.MinItems > n {
		n = *a.MinItems
	}
	if a.MaxItems != nil && *a.MaxItems < n {
		n = *a.MaxItems
	}
	items := make([]string, n)
	for i := range items {
		w := a.Item.sample()
		if a.Item.Type.IsStringLike() {
			w = quoteJSON(w)
		}
		items[i] = w
	}
	w := "[" + strings.Join(items, ",") + "]"
	return w, len(a.Check(w)) == 0
}

func (s *Scalar) sample() string {
	switch {
	case s.Const != nil:
		return *s.Const
	case len(s.Enum) > 0:
		return s.Enum[0].Value
	}
	switch s.Type {
	case Integer:
		lo, hi := math.Inf(-1), math.Inf(1)
		if s.Min != nil {
			lo = s.Min.Value
			if s.Min.Exclusive {
				lo++
			}
		}
		if s.Max != nil {
			hi = s.Max.Value
			if s.Max.Exclusive {
				hi--
			}
		}
		return strconv.FormatInt(int64(math.Max(lo, math.Min(hi, 1))), 10)
	case Number:
		return formatFloat(numberSample(s.Min, s.Max))
	case Boolean:
		return "true"
	case Duration:
		return sampleDuration
	case DateTime:
		return sampleDateTime
	case URI:
		return sampleURI
	}
	n := int64(6)
	if s.MinLength != nil && *s.MinLength > n {
		n = *s.MinLength
	}
	if s.MaxLength != nil && *s.MaxLength < n {
		n = *s.MaxLength
	}
	return strings.Repeat("x", int(n))
}

// numberSample picks 1.5 when it fits, else a value between the bounds.
func numberSample(min, max *Bound) float64 {
	v := 1.5
	if min != nil && (v < min.Value || v == min.Value && min.Exclusive) {
		v = min.Value + 1
	}
	if max != nil && (v > max.Value || v == max.Value && max.Exclusive) {
		v = max.Value - 1
		if min != nil && v <= min.Value {
			v = (min.Value + max.Value) / 2
		}
	}
	return v
}
