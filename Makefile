# samvirke — two commands do everything on a fresh machine:
#   make run    build and serve the bundled portal on http://localhost:1313
#   make test   every test (installs Chromium, Java and the npm test tools first when missing)
GO      ?= go
BIN     := bin/samvirke
PORT    ?= 1313
# For make bench's side-by-side builds: Hugo (go install github.com/gohugoio/hugo@v0.152.2; make
# test-deps installs it) for samvirke build --hugo and plain hugo, and Pagefind (npm package
# pagefind) for hugo + pagefind; each comparison is skipped when its tool is missing.
HUGO     ?= $(shell command -v hugo || ls "$$(go env GOPATH | cut -d: -f1)/bin/hugo" 2>/dev/null)
PAGEFIND ?= $(shell command -v pagefind)
# The version samvirke version prints: the git tag (or commit), "-dirty" with uncommitted changes.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
# Systems the command is built for: `make release` ships each; `make test` cross-compiles the
# ones other than the machine's own (which the tests build anyway).
PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64
CROSS     := darwin/amd64 darwin/arm64 windows/amd64 linux/arm64

.PHONY: run build check test test-deps audit bench fuzz fmt-check vet typecheck cross release clean $(BIN)

$(BIN):
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./generator

run: $(BIN)
	./$(BIN) serve --port $(PORT)

build: $(BIN)
	./$(BIN) build

check: $(BIN)
	./$(BIN) check

# Every test: formatting, vet, the TypeScript type check, cross-compiling, unit/golden/browser/
# end-to-end tests, the quality gates over the bundled portal and the verbatim check against
# ../shared/seeds.
test: test-deps fmt-check vet typecheck cross
	$(GO) test -count=1 -timeout 30m ./...

test-deps:
	@bash scripts/install-test-deps.sh

fmt-check:
	@out=$$(gofmt -l generator search internal schema); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# tsc (pinned in package.json, installed by test-deps) checks assets/js with tsconfig.json; esbuild,
# which builds the bundle, does not type-check.
typecheck:
	npx --no-install tsc --noEmit --strict -p tsconfig.json

# The quality gates alone (accessibility, HTML validity, links, privacy) over the bundled portal.
audit: test-deps
	$(GO) test -count=1 -v -run 'TestPortal' ./internal/qa/

# Every figure of README.md's Performance section: build time and peak memory at 1,000 and 10,000
# pages (and the same sites built by samvirke build --hugo, plain hugo, and hugo + Pagefind when
# they are installed), the search load generator (samvirke search on 10,000 pages, 8 clients over
# HTTP), the relevance suite's success@3 and nDCG@5, then the go test benchmarks (build, index
# build, queries, the engine comparison).
bench: $(BIN)
	$(GO) run ./generator/internal/corpus/bench --bin $(BIN) --hugo "$(HUGO)" --pagefind "$(PAGEFIND)"
	@$(GO) test -count=1 -v -run '^TestRelevanceSuite$$' ./generator/internal/contenttest/searchtest/ | grep -A12 'relevance:'
	$(GO) test -run '^$$' -bench . -benchtime 3x ./generator/internal/build/
	$(GO) test -run '^$$' -bench 'Build' -benchtime 3x ./search/
	$(GO) test -run '^$$' -bench 'Search|Engine' ./search/

# Compiles the command for every platform (nothing is kept): a change that builds only on Linux
# fails here.
cross:
	@for p in $(CROSS); do \
		echo "cross-compiling for $$p"; \
		GOOS=$${p%/*} GOARCH=$${p#*/} CGO_ENABLED=0 $(GO) build -o /dev/null ./generator || exit 1; \
	done

# Binaries for every platform in dist/, with the version stamped from git and their SHA-256 sums.
release:
	@rm -rf dist && mkdir -p dist
	@for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		out=dist/samvirke-$(VERSION)-$$os-$$arch$$ext; echo "$$out"; \
		GOOS=$$os GOARCH=$$arch CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $$out ./generator || exit 1; \
	done
	@cd dist && sha256sum samvirke-* > SHA256SUMS

# Each fuzz target for FUZZTIME, one after the other on one core (their seed corpora already run
# in `make test`). A failing input is written to the package's testdata/fuzz/: fix the bug and
# keep the file, it then runs with every `make test`.
FUZZTIME ?= 10m
FUZZ_TARGETS := generator/internal/content:FuzzFrontMatter generator/internal/markup:FuzzShortcodes \
	generator/internal/trees:FuzzTreeValidation generator/internal/config:FuzzConfig search:FuzzBuildQuery
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; echo "== $$name ($(FUZZTIME))"; \
		$(GO) test ./$$pkg -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) -parallel 1 || exit 1; \
	done

clean:
	rm -rf bin dist public search.bleve
