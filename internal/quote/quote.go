// Package quote shows values that came from a user or a checkout in
// messages without letting them act on the terminal or flood it: control
// characters, escape sequences and invalid UTF-8 are escaped as
// strconv.Quote escapes them, and a long value is cut, with its length
// said.
package quote

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxShown is how many characters of a value a message shows; the rest is
// cut and replaced by its length.
const MaxShown = 64

// Value returns s in double quotes, escaped as strconv.Quote escapes it,
// cut to MaxShown characters: `"aaaa"…(5000 characters)`.
func Value(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= MaxShown {
		return strconv.Quote(s)
	}
	cut, i := 0, 0
	for i < len(s) && cut < MaxShown {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		cut++
	}
	return fmt.Sprintf("%s…(%d characters)", strconv.Quote(s[:i]), n)
}

// Name returns a file name or a path as it is when every character of it is
// printable, and as Value quotes it otherwise: most names read better
// bare, and a hostile one is still shown safely.
func Name(s string) string {
	if utf8.RuneCountInString(s) <= MaxShown*4 && Printable(s) {
		return s
	}
	return Value(s)
}

// Bare returns s as it is when it is short (MaxShown characters at most)
// and printable, and as Value quotes it otherwise: for names and values
// that usually read better without quotes.
func Bare(s string) string {
	if utf8.RuneCountInString(s) <= MaxShown && Printable(s) {
		return s
	}
	return Value(s)
}

// Printable reports whether s is valid UTF-8 with no control characters
// (C0, DEL, C1) and no other non-printable characters such as bidi
// overrides.
func Printable(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return utf8.ValidString(s)
}

// Message returns a whole message with every character that could act on
// a terminal (C0 but newline and tab, DEL, C1, bidi overrides, invalid
// UTF-8) escaped as strconv.Quote escapes it: a last line of defence for
// text from a checkout that reached a message unquoted, such as a parser's
// excerpt of the line it stopped at.
func Message(s string) string {
	if Printable(strings.NewReplacer("\n", "", "\t", "").Replace(s)) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t' || r == ' ':
			b.WriteRune(r)
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !unicode.IsPrint(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
