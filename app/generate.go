package app

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/s3batchops/scaffold/gen"
	"github.com/s3batchops/scaffold/project"
)

// GenerateInput is what scaffold generate works on.
type GenerateInput struct {
	Dir     string
	Version string // scaffold's, recorded in scaffold.lock
	// Force writes scaffold's files even where edited by hand.
	Force bool
	// ReadOnly plans and writes nothing (--check, --diff).
	ReadOnly bool
	// Diff keeps the bytes on disk of what the plan changes (Old), for
	// Regeneration.Diff.
	Diff bool
	// Waiting is called when another scaffold command holds the project's
	// lock; Recovered, when an interrupted generate was finished first.
	Waiting, Recovered func()
	// Write runs the write of the plan; the command holds interrupts
	// around it. Nil runs it as it is.
	Write func(write func() error) error
}

// Regeneration is a project regenerated in memory, and what was done.
type Regeneration struct {
	Plan *project.Plan
	// OldArgs is the arguments' Go API before its last change (now, or
	// in an earlier generate), NewArgs the API now.
	OldArgs, NewArgs []gen.LockArg
	// Old holds the bytes on disk of each file the plan writes or removes,
	// for a diff; nil for a missing file.
	Old map[string][]byte
	// Wrote reports whether the plan was applied: false when read-only or
	// when the project was up to date.
	Wrote bool
	// Files is the project as generated anew.
	Files gen.FileSet
	// Recorded is the arguments' Go API scaffold.lock recorded; nil in
	// locks of older scaffolds.
	Recorded []gen.LockArg
}

// Diff returns a unified diff from the project on disk to the project
// generated anew: the files the plan writes and removes, and also those
// generate refuses to touch (edited by hand, or not scaffold's), so that
// the diff shows every difference that makes the project not up to date.
func (r *Regeneration) Diff() []byte {
	var out []byte
	p := r.Plan
	shown := map[string]bool{}
	add := func(path string, data []byte) {
		if shown[path] {
			return
		}
		shown[path] = true
		out = append(out, diff.Diff("a/"+path, r.Old[path], "b/"+path, data)...)
	}
	for _, f := range p.Write {
		add(f.Path, f.Data)
	}
	for _, path := range p.Remove {
		add(path, nil)
	}
	for _, path := range slices.Concat(p.HandEdited, p.Unowned) {
		var data []byte // no longer generated: removed
		if f := r.Files.Lookup(path); f != nil {
			data = f.Data
		}
		add(path, data)
	}
	return out
}

// Advice returns the command that brings the project up to date, with the
// reason when plain scaffold generate would refuse.
func (r *Regeneration) Advice() string {
	switch p := r.Plan; {
	case len(p.Unowned) > 0:
		return "move away the files that are not scaffold's, then run scaffold generate"
	case len(p.HandEdited) > 0:
		return "scaffold's files were edited by hand: move the change into your own code and run scaffold generate, or run scaffold generate --force to overwrite them"
	}
	return "run scaffold generate"
}

// ErrUnowned and ErrHandEdited are the reasons Generate writes nothing.
var (
	ErrUnowned    = errors.New("scaffold would write files it did not make")
	ErrHandEdited = errors.New("scaffold's files were edited by hand since they were generated")
)

// Generate regenerates the project in in.Dir holding its lock: unless
// read-only, it finishes an interrupted generate first and writes the plan
// unless something is in the way (ErrUnowned, ErrHandEdited without Force).
func Generate(in GenerateInput) (*Regeneration, error) {
	d, err := project.Open(in.Dir, in.Waiting)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	if in.ReadOnly && d.Pending() {
		return nil, fmt.Errorf("%s has an interrupted generate: run scaffold generate to finish it", in.Dir)
	}
	if !in.ReadOnly {
		if found, err := d.Recover(); err != nil {
			return nil, err
		} else if found && in.Recovered != nil {
			in.Recovered()
		}
	}
	r, err := plan(d, in.Version, in.Force)
	if err == nil && in.Diff {
		r.Old, err = d.Contents(r.Plan)
	}
	if err != nil || in.ReadOnly {
		return r, err
	}
	p := r.Plan
	if len(p.Unowned) > 0 {
		return nil, fmt.Errorf("%w:\n\t%s\nmove them away: scaffold never overwrites a file it did not write", ErrUnowned, strings.Join(p.Unowned, "\n\t"))
	}
	if len(p.HandEdited) > 0 && !in.Force {
		return nil, fmt.Errorf("%w:\n\t%s\nnothing was written. Move your change into your own code (function.go, or a new file), or run scaffold generate --force to overwrite them", ErrHandEdited, strings.Join(p.HandEdited, "\n\t"))
	}
	if len(p.Write) == 0 && len(p.Remove) == 0 {
		return r, nil
	}
	write := in.Write
	if write == nil {
		write = func(f func() error) error { return f() }
	}
	if err := write(func() error { return d.Apply(p) }); err != nil {
		return nil, err
	}
	r.Wrote = true
	return r, nil
}

// plan reads the project and works out what generating it anew would
// change.
func plan(d *project.Dir, version string, force bool) (*Regeneration, error) {
	dir := d.Path
	cfg, err := d.ReadConfig()
	if err != nil {
		return nil, err
	}
	lock, err := d.ReadLock()
	if err != nil {
		return nil, err
	}
	if lock == nil {
		return nil, fmt.Errorf("%s has no %s: scaffold cannot tell its own files from yours", dir, gen.LockFile)
	}
	spec, err := project.LoadSchemas(dir, cfg)
	if err != nil {
		return nil, err
	}
	cfg.Version = version
	newArgs := gen.LockArgs(spec)
	cfg.PreviousArgs = gen.PreviousArgs(lock, newArgs)
	files, err := gen.Generate(spec, *cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, project.ConfigFile), err)
	}
	p, err := d.Plan(files, lock, force)
	if err != nil {
		return nil, err
	}
	return &Regeneration{Plan: p, OldArgs: cfg.PreviousArgs, NewArgs: newArgs, Files: files, Recorded: lock.Args}, nil
}

// APIUnchanged reports whether r leaves what the user's code can refer to
// as it was, so that it cannot have broken it: scaffold.lock recorded the
// arguments' Go API and it is the same (fields, types, enum constants), and
// r writes or removes no Go file other than internal/args's, whose exported
// API is that record. A changed bound or description is such a change; a
// new scaffold, whose runtime changed, or a changed task schema is not.
func (r *Regeneration) APIUnchanged() bool {
	// A change the user's code has not caught up with yet (OldArgs, kept
	// in the lock as previous: until the code compiles) is explained again.
	if len(r.OldArgs) > 0 || r.Recorded == nil && r.NewArgs != nil || !slices.EqualFunc(r.Recorded, r.NewArgs, gen.LockArg.Equal) {
		return false
	}
	goOutsideArgs := func(p string) bool {
		return strings.HasSuffix(p, ".go") && !strings.HasPrefix(p, "internal/args/")
	}
	for _, f := range r.Plan.Write {
		if goOutsideArgs(f.Path) {
			return false
		}
	}
	return !slices.ContainsFunc(r.Plan.Remove, goOutsideArgs)
}

// TypeCheck type-checks the project after r, and returns the errors in the
// user's code, each with the schema change that caused it. When the code
// compiles, the API before the last change is no longer kept in
// scaffold.lock, so that the next generate, with nothing changed, need
// not type-check again.
func TypeCheck(in GenerateInput, r *Regeneration) ([]project.TypeError, error) {
	errs, err := project.TypeCheck(in.Dir, r.OldArgs, r.NewArgs)
	if err != nil || len(errs) > 0 || len(r.OldArgs) == 0 || in.ReadOnly {
		return errs, err
	}
	return nil, settle(in, r.NewArgs)
}

// settle drops previous: from scaffold.lock, holding the project's lock,
// once the user's code compiles against api. A lock that records another
// API by now (a generate ran meanwhile) is left as it is.
func settle(in GenerateInput, api []gen.LockArg) error {
	d, err := project.Open(in.Dir, in.Waiting)
	if err != nil {
		return err
	}
	defer d.Close()
	l, err := d.ReadLock()
	if err != nil || l == nil || len(l.Previous) == 0 || !slices.EqualFunc(l.Args, api, gen.LockArg.Equal) {
		return err
	}
	l.Previous = nil
	return d.Apply(&project.Plan{Write: gen.FileSet{{Path: gen.LockFile, Data: l.Encode(), Owner: gen.Scaffold}}})
}
