# farewell: thin wrappers around the go tool. See README.md.

GO      ?= go
BIN     := bin
DEMO    ?= $(CURDIR)/demo-out

.PHONY: all build install dist cross test bench chaos screenshots lint fuzz demo deps clean

all: build

build:
	$(GO) build -o $(BIN)/farewell ./cmd/farewell
	$(GO) build -o $(BIN)/farewell-bench ./cmd/farewell-bench

# farewell on the PATH: go install puts it in $(go env GOPATH)/bin
# (or $GOBIN).
install:
	$(GO) install ./cmd/farewell

# Release builds: one binary per system and processor, named with the
# version, OS and architecture, and their SHA-256 sums in dist/SHA256SUMS.
# No cgo, so each binary runs with nothing else installed but a browser;
# the viewer and the replicas are embedded. VERSION is the one the binary
# reports (cmd/farewell/main.go).
VERSION   ?= $(shell sed -n 's/^const version = "\(.*\)"$$/\1/p' cmd/farewell/main.go)
PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
DIST      := dist

dist:
	@test -n "$(VERSION)" || { echo "no version found in cmd/farewell/main.go"; exit 1; }
	@rm -rf $(DIST) && mkdir -p $(DIST)
	@for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		out=$(DIST)/farewell-$(VERSION)-$$os-$$arch$$ext; echo "$$out"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '-s -w' -o $$out ./cmd/farewell || exit 1; \
	done
	@cd $(DIST) && if command -v sha256sum >/dev/null 2>&1; then sha256sum farewell-* > SHA256SUMS; \
		else shasum -a 256 farewell-* > SHA256SUMS; fi
	@echo "$(DIST)/SHA256SUMS"

# Every package, test files included, type-checks and compiles for every
# release platform: CI runs this (then dist) so that a Unix-only call
# fails the build before a release does. -trimpath as in dist, so that
# dist reuses what this compiled.
cross:
	@for p in $(PLATFORMS); do \
		echo "go vet ./... for $$p"; \
		CGO_ENABLED=0 GOOS=$${p%/*} GOARCH=$${p#*/} $(GO) vet -trimpath ./... || exit 1; \
	done

# The whole test suite, race detector on. CI runs this through .ci/run.
# Four packages at a time on two cores: the browser tests spend much of
# their time waiting on the replicas' pace, and one package at a time
# beside the longest (the command's end-to-end tests) left a chain of
# others running long after it. More parallel tests within a package
# (-parallel 4) made the whole slower: Chromium keeps both cores busy.
# -vet=off: go vet runs in lint (and for every platform in cross, before
# make test in CI); go test's own vet pass was a sixth of the suite's
# build (32 of 191 CPU-seconds).
test:
	$(GO) test -race -vet=off -p 4 -timeout 20m ./...

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

# Every page of the viewer, a Weibo and a Douyin bundle, photographed at
# desktop and phone width in Chinese and in English (with the lightbox
# open too), each checked as make test checks its two looks (without
# photographs, half that test's time): the page is in its language and no
# wider than its window. The screenshots stay in
# $(ARTIFACTS)/viewer/<width>-<language>-<site>/ for a person to look at;
# CI runs this and keeps them.
ARTIFACTS ?= $(CURDIR)/artifacts
screenshots:
	rm -rf $(ARTIFACTS)/viewer
	FAREWELL_SCREENSHOTS=1 FAREWELL_ARTIFACTS=$(ARTIFACTS) $(GO) test -count=1 -run '^TestViewerPhone$$' ./cmd/farewell
	@for look in desktop-zh desktop-en phone-zh phone-en; do for site in weibo douyin; do \
		n=$$(ls $(ARTIFACTS)/viewer/$$look-$$site/*.png 2>/dev/null | wc -l); \
		if [ "$$n" -eq 0 ]; then echo "no screenshots in $(ARTIFACTS)/viewer/$$look-$$site" >&2; exit 1; fi; \
		echo "$(ARTIFACTS)/viewer/$$look-$$site: $$n screenshots"; done; done

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
	@for pkg in ./archive ./archive/viewer ./cmd/farewell ./parsers/weibo ./parsers/douyin ./profiles/faults ./profiles/internal/replicakit ./profiles/replicamedia; do \
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
	rm -rf $(BIN) $(DEMO) $(DIST)
