package main

import (
	"fmt"
	"io"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "serve: not yet wired")
	return exitUsage
}

func cmdSearch(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "search: not yet wired")
	return exitUsage
}
