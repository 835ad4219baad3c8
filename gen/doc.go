// Package gen generates a Lambda function project for S3 Batch Operations
// from a [schema.Spec].
//
// [Generate] is pure: it reads nothing but its arguments, writes nothing,
// and returns the same bytes for the same input, so that `scaffold new`,
// `scaffold generate`, --dry-run and the golden tests all share it. Go files
// are emitted with jennifer, one small function per construct, and their
// imports grouped by golang.org/x/tools/imports; every other file is a
// text/template from the templates package.
//
// The stages, in the order Generate runs them:
//
//	newModel  decide everything the emitters need (names are the schema's)
//	emit      one function per file: Go from jennifer, the rest from templates
//	format    gofmt and import grouping
//	lock      scaffold.lock: the sha256 of every file scaffold owns
package gen
