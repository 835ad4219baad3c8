// Package app holds scaffold's operations on a project, as functions with
// typed inputs and results that the command (cmd/scaffold) calls and tests
// call in process: Load and New make a project's files from its options,
// Generate plans and applies a regeneration under the project's lock, and
// TypeCheck explains what a schema change broke. The command keeps flags,
// prompts and printing; nothing here reads flags or writes to a terminal.
package app
