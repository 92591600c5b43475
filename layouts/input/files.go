package input

import (
	"io/fs"
	"os"
)

// OSFiles reads files from the operating system by their native paths, absolute or relative to
// the working directory. Unlike os.DirFS it takes any path the user typed: it is for the command
// line, where every path comes from the user, never for a server.
var OSFiles fs.FS = osFiles{}

type osFiles struct{}

// Open opens a file by its native path.
func (osFiles) Open(name string) (fs.File, error) { return os.Open(name) }

// Stat describes a file by its native path without opening it (opening a named pipe would block).
func (osFiles) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }
