// The lock's format is written and read in one file (lock.go): these tests
// protect that what Encode writes, DecodeLock reads back as it was, and
// that DecodeLock refuses what Encode never writes.
package gen

import (
	"reflect"
	"strings"
	"testing"
)

func TestLockRoundTrip(t *testing.T) {
	for _, l := range []*Lock{
		{Version: "v1.2.3", Files: map[string]string{"b/x.go": Sum([]byte("x")), "a.go": Sum(nil)}, Args: []LockArg{}},
		{Version: "(devel)", Files: map[string]string{"main.go": Sum([]byte("m"))}, Args: []LockArg{
			{Name: "Mode", Field: "Mode", Type: "args.Mode", Consts: []string{"ModeFast", "ModeSlow"}},
			{Name: "n: \"#", Field: "N", Type: "*int64"},
		}},
		{Version: "(devel)", Files: map[string]string{"a.go": Sum(nil)}, Args: []LockArg{{Name: "K", Field: "K", Type: "string"}},
			Previous: []LockArg{{Name: "P", Field: "P", Type: "string"}}},
	} {
		data := l.Encode()
		got, err := DecodeLock(LockFile, data)
		if err != nil {
			t.Fatalf("DecodeLock(%s): %v", data, err)
		}
		if !reflect.DeepEqual(got, l) {
			t.Errorf("round trip of\n%s\ngot %+v, want %+v", data, got, l)
		}
		if again := got.Encode(); string(again) != string(data) {
			t.Errorf("Encode is not stable:\n%s\nthen\n%s", data, again)
		}
	}
}

func TestDecodeLockRefuses(t *testing.T) {
	for name, data := range map[string]string{
		"bad sum":   "files:\n  \"a.go\": \"md5:00\"\n",
		"upper hex": "files:\n  \"a.go\": \"sha256:" + strings.Repeat("A", 64) + "\"\n",
		"too large": "files:\n" + strings.Repeat("#", MaxLockSize),
		"not yaml":  "files: [",
	} {
		if _, err := DecodeLock(LockFile, []byte(data)); err == nil {
			t.Errorf("%s: DecodeLock accepted it", name)
		}
	}
}

// PreviousArgs keeps the API before the last change while the API stays,
// and on a change keeps what earlier changes removed, newest first.
func TestPreviousArgs(t *testing.T) {
	p := LockArg{Name: "Prefix", Field: "Prefix", Type: "string"}
	k := LockArg{Name: "KeyPrefix", Field: "KeyPrefix", Type: "string"}
	m := LockArg{Name: "MaxKeys", Field: "MaxKeys", Type: "*int64"}
	for _, c := range []struct {
		lock *Lock
		args []LockArg
		want []LockArg
	}{
		{&Lock{Args: []LockArg{p}}, []LockArg{p}, nil},
		{&Lock{Args: []LockArg{p}}, []LockArg{k}, []LockArg{p}},
		{&Lock{Args: []LockArg{k}, Previous: []LockArg{p}}, []LockArg{k}, []LockArg{p}},
		{&Lock{Args: []LockArg{k}, Previous: []LockArg{p}}, []LockArg{m}, []LockArg{k, p}},
		{&Lock{Args: []LockArg{k}, Previous: []LockArg{k, p}}, []LockArg{m}, []LockArg{k, p}},
	} {
		if got := PreviousArgs(c.lock, c.args); !reflect.DeepEqual(got, c.want) {
			t.Errorf("PreviousArgs(%+v, %+v) = %+v, want %+v", c.lock, c.args, got, c.want)
		}
	}
}
