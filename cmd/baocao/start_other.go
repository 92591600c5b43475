//go:build !windows

package main

// startedFromExplorer is false outside Windows: a program started without a console there has
// nowhere to show a window, so it always behaves as a command line tool.
func startedFromExplorer() bool { return false }
