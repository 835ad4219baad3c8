package main

// Every help text fits an 80-column terminal, a tab counting 8 columns.

import (
	"bytes"
	"strings"
	"testing"
)

func TestHelpFits(t *testing.T) {
	runs := [][]string{{"help"}, {"help", "help"}}
	for _, c := range commands() {
		runs = append(runs, []string{c.name, "--help"})
	}
	for _, args := range runs {
		var out bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &out}
		if code := e.run(args); code != exitOK {
			t.Fatalf("scaffold %s: exit %d\n%s", strings.Join(args, " "), code, out.String())
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if w := columns(line); w > helpWidth {
				t.Errorf("scaffold %s: a line of %d columns:\n%s", strings.Join(args, " "), w, line)
			}
		}
	}
}

// columns is the width of line in a terminal with tab stops every 8.
func columns(line string) int {
	n := 0
	for _, r := range line {
		if r == '\t' {
			n += 8 - n%8
			continue
		}
		n++
	}
	return n
}
