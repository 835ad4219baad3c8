// Package golden holds scaffold's golden cases: one txtar archive per case,
// with the command line in its comment, the input files, and the expected
// output: the files of the generated project under out/, the messages
// (stdout, stderr) and, for a case that must fail, the exit status.
//
// The tests run the real scaffold binary on each case and compare; with
// -update they rewrite the archives instead. Every project in a case that
// succeeds is then extracted and must pass go vet, go build and go test on
// its own. See TESTING.md at the repository root.
package golden
