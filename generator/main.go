// Command samvirke builds, checks and serves the samvirke guidance portal.
//
//	samvirke build [--source DIR] [--dest DIR] [--drafts] [--baseURL URL]
//	samvirke check [--source DIR] [--strict]
//	samvirke serve [--source DIR] [--port 1313] [--bind 127.0.0.1]
//	samvirke search --index DIR [--bind 127.0.0.1] [--port 1314]
//	samvirke version
//
// Exit codes: 0 ok, 1 content or build errors, 2 usage errors.
package main

import (
	"os"
	"runtime/debug"
)

// softMemoryLimit keeps a 10,000-page build under 300 MB of resident memory: near the limit the
// garbage collector runs more often instead of letting the heap double. GOMEMLIMIT overrides it.
const softMemoryLimit = 250 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
