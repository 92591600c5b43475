package main

import "runtime/debug"

// version is the program's version, set when a release is built:
// go build -ldflags "-X main.version=1.2.0" ./cmd/baocao. Left empty, programVersion falls back to
// the module's build information.
var version string

// programVersion is the version that --version prints.
func programVersion() string { return resolveVersion(version, debug.ReadBuildInfo) }

// resolveVersion is the version set at build time if any, else the main module's version from the
// build information (a tagged "go install" gives v1.2.0, a build in a clone a pseudo-version or
// "(devel)"), else "(devel)".
func resolveVersion(injected string, buildInfo func() (*debug.BuildInfo, bool)) string {
	if injected != "" {
		return injected
	}
	if bi, ok := buildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
