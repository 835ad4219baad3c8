// Package schema loads and validates a UserArguments schema: a JSON Schema
// (draft 2020-12) document, written in JSON or YAML, whose root object's
// properties are the arguments of an S3 Batch Operations job.
//
// [Load] is the only entry point most callers need. It reads the document,
// keeps the line and column of every value, validates the document against
// the 2020-12 meta-schema, then checks it against the subset of JSON Schema
// that scaffold supports and against S3's limits. Every problem is reported
// at once in a [Problems] error, each as
//
//	file:line:col: /json/pointer: message
//		hint: what to do about it
//
// Reading is bounded ([MaxFileSize], [MaxDepth], [MaxMembers],
// [MaxYAMLIndicators]): a schema comes from a checkout, and a hostile one is
// refused in well under a second and a hundred megabytes.
//
// The result is a [Spec]: the arguments in document order, with their Go
// names decided once, here, so that every emitter reads the same names.
//
// S3 sends every argument as a string. A Spec describes the typed view of
// those strings; [Arg.Check] validates a wire string the way the generated
// Parse function does, so that defaults, examples and enum values are
// checked at load time rather than at run time.
package schema
