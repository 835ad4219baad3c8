// Package app holds scaffold's operations on a project, as functions with
// typed inputs and results that the command (cmd/scaffold) calls and tests
// call in process: Load and New make a project's files from its options,
// Generate plans and applies a regeneration under the project's lock (its
// Diff and Advice for --diff and --check), TypeCheck explains what a schema
// change broke, Job builds a CreateJob input, Manifest encodes a manifest,
// and PrepareRun sets up a local job for localjob.Run. Bad values given to
// an operation come back all at once, in an *InputError. The command keeps
// flags, prompts and printing; nothing here reads flags or writes to a
// terminal.
package app
