package schema

import (
	"fmt"
	"go/token"
	"strings"
)

// initialisms are words written in capitals in Go names, as Go's own
// style does (BucketARN, not BucketArn).
var initialisms = map[string]bool{
	"acl": true, "api": true, "arn": true, "aws": true, "crc": true, "csv": true, "dns": true,
	"etag": true, "http": true, "https": true, "id": true, "ip": true, "json": true, "kms": true,
	"md5": true, "s3": true, "sha": true, "sql": true, "sse": true, "ttl": true, "uri": true,
	"url": true, "utc": true, "uuid": true, "xml": true,
}

// reservedNames are the exported identifiers the generated args package
// declares itself; an enum type may not take one of them.
var reservedNames = map[string]bool{"Args": true, "Parse": true, "Encode": true, "Error": true, "Names": true}

// GoName derives an exported Go identifier from an argument name:
// my-prefix and my_prefix become MyPrefix, bucket_arn becomes BucketARN,
// MyDestinationBucket stays as it is. It returns why when it cannot. The
// result is never a Go keyword, since keywords are all lower case.
func GoName(name string) (string, error) {
	s, err := joinWords(name)
	switch {
	case err != nil:
		return "", err
	case s == "":
		return "", fmt.Errorf("%q has no letters or digits", name)
	case s[0] >= '0' && s[0] <= '9':
		return "", fmt.Errorf("%q starts with a digit", name)
	}
	return s, nil
}

// joinWords capitalises each word of s and joins them.
func joinWords(s string) (string, error) {
	var b strings.Builder
	words := strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && !isASCIIAlnum(r) })
	for _, word := range words {
		for _, r := range word {
			if r >= 0x80 {
				return "", fmt.Errorf("%q has a non-ASCII character, %q", s, r)
			}
		}
		lower := strings.ToLower(word)
		if stem, ok := strings.CutSuffix(lower, "s"); ok && initialisms[stem] && !initialisms[lower] {
			b.WriteString(strings.ToUpper(stem) + "s") // IDs, ARNs, URLs
		} else if initialisms[lower] {
			b.WriteString(strings.ToUpper(word))
		} else {
			b.WriteString(strings.ToUpper(word[:1]) + word[1:])
		}
	}
	return b.String(), nil
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}

// CheckGoName reports why s cannot be given as x-go-name: it must be an
// exported Go identifier in ASCII.
func CheckGoName(s string) error {
	switch {
	case !token.IsIdentifier(s):
		return fmt.Errorf("%q is not a Go identifier", s)
	case !token.IsExported(s):
		return fmt.Errorf("%q is not exported: it must start with an upper-case letter", s)
	}
	for _, r := range s {
		if r >= 0x80 {
			return fmt.Errorf("%q has a non-ASCII character, %q", s, r)
		}
	}
	return nil
}

// enumConstName is the Go constant for one enum value: the type name
// followed by the value's words (ModeFast, Level1x), or by Value<n> when the
// value has no words that can be used (such as "", "*" or "größe").
func enumConstName(typeName, value string, index int) string {
	if w, err := joinWords(value); err == nil && w != "" {
		return typeName + w
	}
	return fmt.Sprintf("%sValue%d", typeName, index+1)
}
