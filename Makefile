# samvirke — two commands do everything on a fresh machine:
#   make run    build and serve the bundled portal on http://localhost:1313
#   make test   every test (installs Chromium, Java and the npm test tools first when missing)
GO      ?= go
BIN     := bin/samvirke
PORT    ?= 1313

.PHONY: run build check test test-deps audit bench fmt-check vet typecheck clean $(BIN)

$(BIN):
	$(GO) build -o $(BIN) ./generator

run: $(BIN)
	./$(BIN) serve --port $(PORT)

build: $(BIN)
	./$(BIN) build

check: $(BIN)
	./$(BIN) check

# Every test: formatting, vet, the TypeScript type check, unit/golden/browser/end-to-end tests, the
# quality gates over the bundled portal and the verbatim check against ../shared/seeds.
test: test-deps fmt-check vet typecheck
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

# Build time and peak memory at 1,000 and 10,000 pages, then the go test benchmarks.
bench: $(BIN)
	$(GO) run ./generator/internal/corpus/bench --bin $(BIN)
	$(GO) test -run '^$$' -bench . -benchtime 3x ./generator/internal/build/
	$(GO) test -run '^$$' -bench . ./search/

clean:
	rm -rf bin public search.bleve
