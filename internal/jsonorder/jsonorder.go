// Package jsonorder is a JSON object that keeps its members in the order
// they were given, for documents people read: the interview's schema, the
// CreateJob input.
package jsonorder

import (
	"bytes"

	"github.com/s3batchops/scaffold/schema"
)

// Object is a JSON object whose members are written in order.
type Object []Member

// Member is one member of an Object.
type Member struct {
	Key   string
	Value any
}

// MarshalJSON writes o's members in order. It escapes no HTML itself; json.Marshal
// escapes the result, an Encoder with SetEscapeHTML(false) does not.
func (o Object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(schema.JSON(m.Key) + ":" + schema.JSON(m.Value))
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
