// Package buildversion is the release scaffold and scaffold-s3 were built
// from, one answer for both: scaffold hands its own to scaffold-s3, which
// warns when they differ.
package buildversion

import "runtime/debug"

// Version is set at link time by release builds:
//
//	-ldflags "-X github.com/s3batchops/scaffold/internal/buildversion.Version=v1.2.3"
//
// It applies to both commands built with those flags.
var Version = ""

// String is Version when set; otherwise the module version go install
// recorded, or "devel".
func String() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
