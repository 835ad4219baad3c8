// Package localjob runs an S3 Batch Operations job on this machine, as S3
// would run it: the function's bootstrap runs as real processes talking the
// Lambda Runtime API to a server here, each task is one invocation with the
// event S3 would send, results are read with S3's rules (TemporaryFailure
// redriven, a response S3 cannot read failing its task), and the completion
// report is written as S3 writes it.
//
// The pieces, in the order a task meets them: manifest.go reads the tasks
// (streamed, each record bounded by MaxManifestLine, so memory stays flat);
// check.go fails, as S3 would, a task S3 would never invoke the function
// for (a key over 1,024 bytes, a bucket S3 could not have); event.go builds
// each invocation; runtime.go serves it to a bootstrap process; worker.go
// runs, times and restarts the processes, each in a process group of its
// own (procgroup_*.go) so that nothing they start outlives the run;
// result.go reads the response; report.go writes the report; job.go ties
// them together.
package localjob
