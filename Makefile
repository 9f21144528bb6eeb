# farewell: thin wrappers around the go tool. See README.md.

GO      ?= go
BIN     := bin
DEMO    ?= $(CURDIR)/demo-out

.PHONY: all build test bench chaos lint fuzz demo deps clean

all: build

build:
	$(GO) build -o $(BIN)/farewell ./cmd/farewell
	$(GO) build -o $(BIN)/farewell-bench ./cmd/farewell-bench

# The whole test suite, race detector on. CI runs this through .ci/run.
# Four packages at a time on two cores: the browser tests spend much of
# their time waiting on the replicas' pace, and one package at a time
# beside the longest (the command's end-to-end tests) left a chain of
# others running long after it. More parallel tests within a package
# (-parallel 4) made the whole slower: Chromium keeps both cores busy.
test:
	$(GO) test -race -p 4 -timeout 20m ./...

# Speed and memory targets: Go benchmarks, then the comparison against the
# baselines the issues name (tar, zstd, sha256sum), with ratios.
bench: build
	$(GO) test -run '^$$' -bench . -benchtime 3x ./archive/...
	$(BIN)/farewell-bench archive -farewell $(BIN)/farewell
	$(BIN)/farewell-bench weibo -farewell $(BIN)/farewell -size 2000 -rate 20
	$(BIN)/farewell-bench douyin -farewell $(BIN)/farewell -size 500 -conversations 50 -rate 10
	$(BIN)/farewell-bench viewer -posts 50000

# Nothing lost under faults and kills: both demos killed with SIGKILL at
# random moments and run under every fault (5xx, resets, slow answers,
# rate-limit bursts, expired media links, a logout, a browser crash) until
# they finish; each bundle must hold exactly an undisturbed run's items and
# verify with exit 0, and a rerun must fetch no media.
CHAOS_KILLS ?= 6
chaos: build
	$(BIN)/farewell-bench chaos -farewell $(BIN)/farewell -kills $(CHAOS_KILLS)

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
	@for pkg in ./archive ./archive/viewer ./parsers/weibo ./parsers/douyin ./profiles/faults ./profiles/internal/replicakit ./profiles/replicamedia; do \
		for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; done; done

deps:
	.ci/deps

# The whole job against the built-in replicas of weibo.com and
# www.douyin.com: login through the QR flow (the replica's phone approves),
# backup of every collection in headless Chromium, pack, verify. The
# stores stay in $(DEMO)/home, so a second run continues or refreshes
# them; the bundles go to $(DEMO).
demo: deps build
	@mkdir -p $(DEMO)
	$(BIN)/farewell demo weibo --home $(DEMO)/home --out $(DEMO)
	$(BIN)/farewell demo douyin --home $(DEMO)/home --out $(DEMO)

clean:
	rm -rf $(BIN) $(DEMO)
