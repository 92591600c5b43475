// Command baocao produces official documents of Communist Party of Vietnam organisations, laid out
// by the Party's format rules, as PDF. Its help and messages are in Vietnamese.
package main

import "os"

func main() { os.Exit(int(Start(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))) }
