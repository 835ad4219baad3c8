package app

// loneSurrogateAt returns the offset in b, JSON text, of the first \u
// escape of a UTF-16 surrogate that is not half of a pair (\ud800 alone,
// or \udc00 first), or -1 when there is none. encoding/json reads such an
// escape as U+FFFD without a word, so a value would not be what its file
// says.
func loneSurrogateAt(b []byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			continue
		}
		if b[i+1] != 'u' {
			i++ // \\, \" and the others: the next byte is not an escape
			continue
		}
		r, ok := hex4(b, i+2)
		switch {
		case !ok || r < 0xD800 || r > 0xDFFF:
		case r >= 0xDC00:
			return i // a low surrogate first
		default:
			if low, ok := hex4(b, i+8); !ok || b[i+6] != '\\' || b[i+7] != 'u' || low < 0xDC00 || low > 0xDFFF {
				return i
			}
			i += 6 // the pair's low half
		}
		i += 5
	}
	return -1
}

// halfSurrogate names what loneSurrogateAt finds, in messages.
const halfSurrogate = `a \u escape of half a UTF-16 surrogate pair`

// hex4 reads the four hexadecimal digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
