// Package templates holds the text/template files for every file of a
// generated project that is not Go: go.mod, the Makefile, the SAM template,
// the README, scaffold.yaml, scaffold.lock and the sample events. Each is
// named for its output plus .tmpl. Go files are emitted by package gen with
// jennifer, never from templates.
package templates

import "embed"

// FS holds the templates.
//
//go:embed *.tmpl
var FS embed.FS
