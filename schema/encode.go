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
			case String, URI:
				items[i] = decodeAs[string](r)
			case Duration:
				d, _ := time.ParseDuration(decodeAs[string](r))
				items[i] = d.String()
			case DateTime:
				t, _ := time.Parse(time.RFC3339, decodeAs[string](r))
				items[i] = t.Format(time.RFC3339Nano)
			case Integer:
				items[i] = decodeAs[int64](r)
			case Number:
				items[i] = decodeAs[float64](r)
			case Boolean:
				items[i] = decodeAs[bool](r)
			}
		}
		return JSON(items)
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

// JSON is v as compact JSON without HTML escaping: the form of the wire
// values of arrays, as the generated Encode writes them, and of every JSON
// scaffold writes into a project or its messages. v is made of strings,
// numbers, booleans, slices and maps, which always encode.
func JSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return strings.TrimSuffix(buf.String(), "\n")
}

// decodeAs decodes a JSON value Check has accepted as a T.
func decodeAs[T any](r json.RawMessage) T {
	var v T
	_ = json.Unmarshal(r, &v)
	return v
}
