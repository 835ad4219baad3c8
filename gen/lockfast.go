package gen

import (
	"bytes"
	"encoding/json"
	"strings"
)

// decodeCanonicalLock reads data when it is exactly what Lock.Encode
// writes, as scaffold left it, without the YAML parser, which takes ten
// times as long: it reads the JSON-quoted values of Encode's lines and
// accepts the lock only if encoding it again gives data, byte for byte.
// Anything else (an edit, a comment, another layout, a mistake) is not
// canonical, and is for the YAML decoder, which reads any YAML and names
// the place of a mistake. FuzzDecodeLock checks that the two agree.
func decodeCanonicalLock(data []byte) (*Lock, bool) {
	rest, ok := bytes.CutPrefix(data, []byte(lockHeader))
	if !ok {
		return nil, false
	}
	lines := strings.Split(string(rest), "\n")
	if lines[len(lines)-1] != "" {
		return nil, false // Encode ends every line
	}
	lines = lines[:len(lines)-1]
	var l Lock
	next := func(prefix string) (string, bool) {
		if len(lines) == 0 || !strings.HasPrefix(lines[0], prefix) {
			return "", false
		}
		s := lines[0][len(prefix):]
		lines = lines[1:]
		return s, true
	}
	v, ok := next("version: ")
	if l.Version, ok = jsonString(v, ok); !ok {
		return nil, false
	}
	if _, ok := next("files:"); !ok {
		return nil, false
	}
	for len(lines) > 0 && strings.HasPrefix(lines[0], "  \"") {
		path, sum, found := strings.Cut(lines[0][2:], `": "`)
		p, ok1 := jsonString(path+`"`, found)
		s, ok2 := jsonString(`"`+sum, found)
		if !ok1 || !ok2 {
			return nil, false
		}
		if l.Files == nil {
			l.Files = map[string]string{}
		}
		l.Files[p] = s
		lines = lines[1:]
	}
	if l.Args, ok = canonicalArgs(&lines, "args:"); !ok {
		return nil, false
	}
	if len(lines) > 0 {
		if l.Previous, ok = canonicalArgs(&lines, "previous:"); !ok {
			return nil, false
		}
	}
	if len(lines) > 0 || !bytes.Equal(l.Encode(), data) {
		return nil, false
	}
	return &l, true
}

// canonicalArgs reads a list of LockArgs as encodeArgs writes it under key.
func canonicalArgs(lines *[]string, key string) ([]LockArg, bool) {
	ls := *lines
	if len(ls) == 0 || !strings.HasPrefix(ls[0], key) {
		return nil, false
	}
	if ls[0] == key+" []" {
		*lines = ls[1:]
		return []LockArg{}, true
	}
	if ls[0] != key {
		return nil, false
	}
	ls = ls[1:]
	var args []LockArg
	for len(ls) >= 3 && strings.HasPrefix(ls[0], "  - name: ") {
		var a LockArg
		var ok1, ok2, ok3 bool
		a.Name, ok1 = jsonString(strings.CutPrefix(ls[0], "  - name: "))
		a.Field, ok2 = jsonString(strings.CutPrefix(ls[1], "    field: "))
		a.Type, ok3 = jsonString(strings.CutPrefix(ls[2], "    type: "))
		if !ok1 || !ok2 || !ok3 {
			return nil, false
		}
		ls = ls[3:]
		if len(ls) > 0 && strings.HasPrefix(ls[0], "    consts: ") {
			if json.Unmarshal([]byte(ls[0][len("    consts: "):]), &a.Consts) != nil {
				return nil, false
			}
			ls = ls[1:]
		}
		args = append(args, a)
	}
	*lines = ls
	return args, args != nil
}

// jsonString decodes s, one JSON string, when ok.
func jsonString(s string, ok bool) (string, bool) {
	if !ok || len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", false
	}
	if inner := s[1 : len(s)-1]; !strings.ContainsAny(inner, "\"\\") {
		return inner, true // plain text; control characters are caught by the round trip
	}
	var v string
	if json.Unmarshal([]byte(s), &v) != nil {
		return "", false
	}
	return v, true
}
