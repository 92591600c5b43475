package main

import (
	"syscall"
	"unsafe"
)

// getConsoleProcessList is kernel32's GetConsoleProcessList, which x/sys/windows does not wrap.
var getConsoleProcessList = syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// startedFromExplorer tells whether the process was started from Explorer (a double-click, a
// shortcut, files dropped on it) rather than from a console: Windows then made a console for this
// process alone, so the console's process list holds only this process. From cmd or PowerShell
// it also holds the shell.
func startedFromExplorer() bool {
	var ids [2]uint32
	n, _, _ := getConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}
