# samvirke — two commands do everything on a fresh machine:
#   make run    build and serve the bundled portal on http://localhost:1313
#   make test   every test (installs Chromium, Java and the npm test tools first when missing)
GO      ?= go
BIN     := bin/samvirke
PORT    ?= 1313
# For make bench's side-by-side build: Hugo (go install github.com/gohugoio/hugo@v0.152.2) and
# Pagefind (npm package pagefind); the comparison is skipped when either is missing.
HUGO     ?= $(shell command -v hugo)
PAGEFIND ?= $(shell command -v pagefind)

.PHONY: run build check test test-deps audit bench fmt-check vet clean $(BIN)

$(BIN):
	$(GO) build -o $(BIN) ./generator

run: $(BIN)
	./$(BIN) serve --port $(PORT)

build: $(BIN)
	./$(BIN) build

check: $(BIN)
	./$(BIN) check

# Every test: formatting, vet, unit/golden/browser/end-to-end tests, the quality gates over the
# bundled portal and the verbatim check against ../shared/seeds.
test: test-deps fmt-check vet
	$(GO) test -count=1 -timeout 30m ./...

test-deps:
	@bash scripts/install-test-deps.sh

fmt-check:
	@out=$$(gofmt -l generator search); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# The quality gates alone (accessibility, HTML validity, links, privacy) over the bundled portal.
audit: test-deps
	$(GO) test -count=1 -v -run 'TestPortal' ./generator/internal/qa/

# Every figure of README.md's Performance section: build time and peak memory at 1,000 and 10,000
# pages (and Hugo + Pagefind on the same site when they are installed), the search load generator
# (samvirke search on 10,000 pages, 8 clients over HTTP), the relevance suite's success@3 and
# nDCG@5, then the go test benchmarks (index build, queries, the engine comparison).
bench: $(BIN)
	$(GO) run ./generator/internal/corpus/bench --bin $(BIN) --hugo "$(HUGO)" --pagefind "$(PAGEFIND)"
	@$(GO) test -count=1 -v -run '^TestRelevanceSuite$$' ./generator/internal/sitesearch/ | grep -A12 'relevance:'
	$(GO) test -run '^$$' -bench . -benchtime 3x ./generator/internal/build/
	$(GO) test -run '^$$' -bench 'Build' -benchtime 3x ./search/
	$(GO) test -run '^$$' -bench 'Search|Engine' ./search/

clean:
	rm -rf bin public search.bleve
