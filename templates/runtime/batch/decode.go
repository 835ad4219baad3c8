package batch

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// decodeEvent reads an invocation event exactly as encoding/json's Unmarshal
// would (FuzzDecodeEvent checks it): it takes any valid JSON, matches keys
// as encoding/json matches them to fields, skips unknown keys, and handles
// null and repeated keys as Unmarshal does. null leaves a string or the job
// as it was and empties tasks, userArguments and s3VersionId; a repeated key
// decodes into what the earlier one left: "userArguments" objects merge, and
// a second "tasks" array decodes each of its elements over the element at
// the same index (so {} leaves that task as it was) and then drops the rest.
//
// d is the decoder's state, kept by the caller so that it costs no
// allocation of its own; spare, when not nil, is an empty slice of capacity
// one that the first task is decoded into rather than a new one.
func (d *decoder) decodeEvent(data []byte, ev *event, spare []eventTask) error {
	// One copy of the payload as a string: every plain string of the event
	// is a substring of it, not an allocation of its own.
	*d = decoder{data: data, src: string(data), spare: spare}
	if !d.null() {
		if err := d.object(ev.member); err != nil {
			return err
		}
	}
	if d.skipSpace(); d.pos < len(d.data) {
		return d.errorf("unexpected data after the event")
	}
	return nil
}

// field returns the one of names that key selects as encoding/json selects
// a struct field by its name: spelt exactly, or else matching without regard
// to case (the names differ from each other in more than case). It returns
// "" when key selects none.
func field(key string, names ...string) string {
	for _, n := range names {
		if key == n {
			return n
		}
	}
	for _, n := range names {
		if strings.EqualFold(key, n) {
			return n
		}
	}
	return ""
}

func (ev *event) member(d *decoder, key string) error {
	switch field(key, "invocationSchemaVersion", "invocationId", "job", "tasks") {
	case "invocationSchemaVersion":
		return d.stringInto(&ev.SchemaVersion)
	case "invocationId":
		return d.stringInto(&ev.InvocationID)
	case "job":
		if d.null() {
			return nil
		}
		return d.object(ev.jobMember)
	case "tasks":
		if d.null() {
			ev.Tasks = nil
			return nil
		}
		return d.tasks(ev)
	}
	return d.skip()
}

// tasks reads the tasks array into ev.Tasks as encoding/json reads an array
// into a slice: element i is decoded into ev.Tasks[i] when there is one (also
// one past the length, up to the capacity, that an earlier, longer array
// left), the slice grows one element at a time, and it ends as long as the
// array; an empty array gives an empty slice with no capacity.
func (d *decoder) tasks(ev *event) error {
	i := 0
	err := d.array(func() error {
		if i >= cap(ev.Tasks) {
			if cap(ev.Tasks) == 0 && d.spare != nil {
				// What growing an empty slice by one gives, allocated already.
				ev.Tasks, d.spare = d.spare, nil
			} else {
				ev.Tasks = slices.Grow(ev.Tasks, 1)
			}
		}
		if i >= len(ev.Tasks) {
			ev.Tasks = ev.Tasks[:i+1]
		}
		t := &ev.Tasks[i]
		i++
		if d.null() {
			return nil
		}
		return d.object(t.member)
	})
	if err != nil {
		return err
	}
	if i == 0 {
		ev.Tasks = []eventTask{} // [] is not null
	} else {
		ev.Tasks = ev.Tasks[:i]
	}
	return nil
}

func (ev *event) jobMember(d *decoder, key string) error {
	switch field(key, "id", "userArguments") {
	case "id":
		return d.stringInto(&ev.Job.ID)
	case "userArguments":
		if d.null() {
			ev.Job.UserArguments = nil
			return nil
		}
		if ev.Job.UserArguments == nil {
			ev.Job.UserArguments = map[string]string{}
		}
		return d.object(func(d *decoder, key string) error {
			var v string
			err := d.stringInto(&v)
			ev.Job.UserArguments[key] = v
			return err
		})
	}
	return d.skip()
}

func (t *eventTask) member(d *decoder, key string) error {
	switch field(key, "taskId", "s3Key", "s3VersionId", "s3BucketArn", "s3Bucket") {
	case "taskId":
		return d.stringInto(&t.TaskID)
	case "s3Key":
		return d.stringInto(&t.S3Key)
	case "s3VersionId":
		if d.null() {
			t.S3VersionID = nil
			return nil
		}
		s, err := d.string()
		t.S3VersionID = &s
		return err
	case "s3BucketArn":
		return d.stringInto(&t.S3BucketARN)
	case "s3Bucket":
		return d.stringInto(&t.S3Bucket)
	}
	return d.skip()
}

// decoder is a cursor over JSON text.
type decoder struct {
	data  []byte
	src   string      // data, as a string
	spare []eventTask // see decodeEvent

	pos   int
	depth int
}

// maxDepth is how deeply objects and arrays may nest, as in encoding/json.
const maxDepth = 10000

func (d *decoder) errorf(format string, args ...any) error {
	return fmt.Errorf("invalid JSON at byte %d: %s", d.pos, fmt.Sprintf(format, args...))
}

func (d *decoder) skipSpace() {
	for d.pos < len(d.data) && d.data[d.pos] <= ' ' {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// next returns the next byte that is not white space, or 0 at the end.
func (d *decoder) next() byte {
	d.skipSpace()
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

// literal reads word (true, false or null) if it is next.
func (d *decoder) literal(word string) bool {
	if d.next() == word[0] && strings.HasPrefix(d.src[d.pos:], word) {
		d.pos += len(word)
		return true
	}
	return false
}

func (d *decoder) null() bool {
	return d.literal("null")
}

// object reads an object, calling member for each key with the cursor on
// its value.
func (d *decoder) object(member func(d *decoder, key string) error) error {
	if d.next() != '{' {
		return d.errorf("want an object")
	}
	if d.depth++; d.depth > maxDepth {
		return d.errorf("nested too deeply")
	}
	d.pos++
	if d.next() == '}' {
		d.pos++
		d.depth--
		return nil
	}
	for {
		key, err := d.string()
		if err != nil {
			return err
		}
		if d.next() != ':' {
			return d.errorf("want ':'")
		}
		d.pos++
		if err := member(d, key); err != nil {
			return err
		}
		switch d.next() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return nil
		default:
			return d.errorf("want ',' or '}'")
		}
	}
}

// array reads an array, calling elem with the cursor on each element.
func (d *decoder) array(elem func() error) error {
	if d.next() != '[' {
		return d.errorf("want an array")
	}
	if d.depth++; d.depth > maxDepth {
		return d.errorf("nested too deeply")
	}
	d.pos++
	if d.next() == ']' {
		d.pos++
		d.depth--
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		switch d.next() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			d.depth--
			return nil
		default:
			return d.errorf("want ',' or ']'")
		}
	}
}

// stringInto reads a string into *s; null leaves *s as it is.
func (d *decoder) stringInto(s *string) error {
	if d.null() {
		return nil
	}
	v, err := d.string()
	*s = v
	return err
}

// string reads a string. Plain UTF-8 text is copied as it is; text with
// escapes or bytes that are not UTF-8 is decoded by encoding/json, for its
// exact rules (surrogate pairs, U+FFFD for bad bytes).
func (d *decoder) string() (string, error) {
	start, plain, err := d.scanString()
	if err != nil {
		return "", err
	}
	if plain {
		return d.src[start+1 : d.pos-1], nil
	}
	return d.unquote(start)
}

// unquote decodes the string that starts at start and ends before d.pos.
func (d *decoder) unquote(start int) (string, error) {
	var s string
	if err := json.Unmarshal(d.data[start:d.pos], &s); err != nil {
		return "", d.errorf("%v", err)
	}
	return s, nil
}

// scanString reads a string, checking its syntax, and returns where it
// starts (its opening quote) and whether its text is plain: UTF-8 with no
// escapes, the same bytes in the data as in the string.
func (d *decoder) scanString() (start int, plain bool, err error) {
	if d.next() != '"' {
		return 0, false, d.errorf("want a string")
	}
	start = d.pos
	d.pos++
	plain = true
	for {
		d.pos = skipPlain(d.data, d.pos)
		if d.pos >= len(d.data) {
			return 0, false, d.errorf("unterminated string")
		}
		switch c := d.data[d.pos]; {
		case c == '"':
			d.pos++
			return start, plain, nil
		case c == '\\':
			plain = false
			d.pos += 2
		case c < 32:
			return 0, false, d.errorf("control character in a string")
		default: // not ASCII
			r, n := utf8.DecodeRune(d.data[d.pos:])
			if r == utf8.RuneError && n == 1 {
				plain = false
			}
			d.pos += n
		}
	}
}

// skipPlain returns the index of the first byte of data at or after i that
// is not printable ASCII or is '"' or '\\', or len(data). It looks at eight
// bytes at a time while none of them is such a byte.
func skipPlain[T string | []byte](data T, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// hasZero is not 0 when a byte of x is 0.
	hasZero := func(x uint64) uint64 { return (x - ones) & ^x & highs }
	for ; i+8 <= len(data); i += 8 {
		x := uint64(data[i]) | uint64(data[i+1])<<8 | uint64(data[i+2])<<16 | uint64(data[i+3])<<24 |
			uint64(data[i+4])<<32 | uint64(data[i+5])<<40 | uint64(data[i+6])<<48 | uint64(data[i+7])<<56
		// A byte below 0x20, or 0x80 and above, or '"', or '\\'.
		if ((x-ones*0x20)|x|hasZero(x^(ones*'"'))|hasZero(x^(ones*'\\')))&highs != 0 {
			break
		}
	}
	for ; i < len(data); i++ {
		if c := data[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// skip reads a value of any kind, checking its syntax.
func (d *decoder) skip() error {
	switch c := d.next(); {
	case c == '{':
		return d.object(func(d *decoder, _ string) error {
			return d.skip()
		})
	case c == '[':
		return d.array(d.skip)
	case c == '"':
		_, err := d.string()
		return err
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case d.literal("true"), d.literal("false"), d.null():
		return nil
	}
	return d.errorf("want a value")
}

// number reads a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *decoder) number() error {
	digits := func() int {
		n := 0
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	if d.data[d.pos] == '-' {
		d.pos++
	}
	if d.pos < len(d.data) && d.data[d.pos] == '0' {
		d.pos++
	} else if digits() == 0 {
		return d.errorf("invalid number")
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		if digits() == 0 {
			return d.errorf("invalid number")
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return d.errorf("invalid number")
		}
	}
	return nil
}
