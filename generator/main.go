// Command samvirke builds, checks and serves the samvirke guidance portal.
//
//	samvirke build [--source DIR] [--dest DIR] [--index DIR] [--drafts] [--baseURL URL] [--hugo[=PATH]]
//	samvirke check [--source DIR] [--strict]
//	samvirke index --public DIR [--index DIR] [--source DIR]
//	samvirke serve [--source DIR] [--port 1313] [--bind 127.0.0.1]
//	samvirke search --index DIR [--bind 127.0.0.1] [--port 1314]
//	samvirke version
//
// Exit codes: 0 ok, 1 content or build errors, 2 usage errors.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
