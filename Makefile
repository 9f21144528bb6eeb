# farewell: thin wrappers around the go tool. See README.md.

GO      ?= go
BIN     := bin
DEMO    ?= $(CURDIR)/demo-out

.PHONY: all build test bench lint fuzz demo deps clean

all: build

build:
	$(GO) build -o $(BIN)/farewell ./cmd/farewell
	$(GO) build -o $(BIN)/farewell-bench ./cmd/farewell-bench

# The whole test suite, race detector on. CI runs this through .ci/run.
test:
	$(GO) test -race -timeout 20m ./...

# Speed and memory targets: Go benchmarks, then the comparison against the
# baselines the issues name (tar, zstd, sha256sum), with ratios.
bench: build
	$(GO) test -run '^$$' -bench . -benchtime 3x ./archive/...
	$(BIN)/farewell-bench archive -farewell $(BIN)/farewell

lint:
	@files=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$files" ]; then echo "gofmt needed: $$files"; exit 1; fi
	$(GO) vet ./...
	@if command -v golangci-lint >/dev/null 2>&1 || $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.6.2; then \
		PATH="$$PATH:$$($(GO) env GOPATH)/bin" golangci-lint run ./...; \
	else echo "golangci-lint could not be installed; gofmt and go vet passed"; fi

# Fuzz every parser for a while (FUZZTIME each).
FUZZTIME ?= 30s
fuzz:
	@for t in FuzzBundle FuzzManifest FuzzIndexPayload FuzzSums FuzzCheckName; do \
		$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) ./archive || exit 1; done

deps:
	.ci/deps

# The demo: the Weibo exporter is not built yet, so for now it packs and
# verifies a generated folder and says so.
demo: deps build
	@rm -rf $(DEMO) && mkdir -p $(DEMO)/我的资料/data $(DEMO)/我的资料/media
	@for i in $$(seq 1 200); do printf '{"record":"post","id":"%d","text":"第%d条微博：告别之前先备份。"}\n' $$i $$i; done > $(DEMO)/我的资料/data/posts.jsonl
	@for i in $$(seq 1 20); do head -c 300000 /dev/urandom > $(DEMO)/我的资料/media/photo-$$i.jpg; done
	@echo "== farewell pack"
	$(BIN)/farewell pack $(DEMO)/我的资料 --out $(DEMO)
	@echo "== farewell verify"
	$(BIN)/farewell verify $(DEMO)/farewell-dir-*.tar.zst
	@echo "== farewell ls (first lines)"
	@$(BIN)/farewell ls $(DEMO)/farewell-dir-*.tar.zst | head -5
	@echo
	@echo "The bundle is in $(DEMO): $$(ls $(DEMO)/*.tar.zst)"
	@echo "The Weibo exporter is not built yet: this demo packed and verified a generated folder."

clean:
	rm -rf $(BIN) $(DEMO)
