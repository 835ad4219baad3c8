package schema

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// Encode returns the wire form the generated args.Encode gives the value
// that args.Parse makes of the valid wire string w: the canonical form,
// such as 90s for 1m30s, or 5 for 05. scaffold job sends arguments in this
// form, as the function itself would encode them.
func (a *Arg) Encode(w string) string {
	if a.Type == Array {
		var raw []json.RawMessage
		_ = json.Unmarshal([]byte(w), &raw)
		items := make([]any, len(raw))
		for i, r := range raw {
			switch a.Item.Type {
			case String:
				var s string
				_ = json.Unmarshal(r, &s)
				items[i] = s
			case Integer:
				var n int64
				_ = json.Unmarshal(r, &n)
				items[i] = n
			case Number:
				var f float64
				_ = json.Unmarshal(r, &f)
				items[i] = f
			case Boolean:
				var b bool
				_ = json.Unmarshal(r, &b)
				items[i] = b
			}
		}
		return encodeJSON(items)
	}
	switch a.Type {
	case Integer:
		n, _ := strconv.ParseInt(w, 10, 64)
		return strconv.FormatInt(n, 10)
	case Number:
		f, _ := strconv.ParseFloat(w, 64)
		if math.IsInf(f, 0) {
			return w
		}
		return strconv.FormatFloat(f, 'g', -1, 64)
	case Duration:
		d, _ := time.ParseDuration(w)
		return d.String()
	case DateTime:
		t, _ := time.Parse(time.RFC3339, w)
		return t.Format(time.RFC3339Nano)
	}
	return w
}

// encodeJSON is v as compact JSON without HTML escaping, as the generated
// Encode writes arrays.
func encodeJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // slices of strings, numbers and booleans always encode
	return strings.TrimSuffix(buf.String(), "\n")
}
