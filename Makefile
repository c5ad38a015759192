# Build, test, lint and benchmark kubescape. `make help` lists the targets.
GO        ?= go
BIN       ?= bin/kubescape
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/kubescape-ng/kubescape/internal/version.Version=$(VERSION)
GOLANGCI  ?= $(shell $(GO) env GOPATH)/bin/golangci-lint
GOLANGCI_VERSION ?= v2.15.0

.PHONY: help build test lint bench fuzz corpus-bench clean

help: ## List targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

build: ## Build bin/kubescape
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/kubescape

test: ## Run every test (the README's test command)
	$(GO) test ./...

lint: ## gofmt, go vet and golangci-lint (installed from the Go module proxy)
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1)
	$(GO) vet ./...
	@test -x $(GOLANGCI) || $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VERSION)
	$(GOLANGCI) run ./...

bench: ## Engine benchmarks (2,000 and 20,000 objects) and the timed binary run
	$(GO) test -run '^$$' -bench 'Scan|Decode|Prepare' -benchmem -benchtime 3x ./internal/scan/
	./hack/bench.sh

fuzz: ## Fuzz the parsers of user input, the fixer and the rule VM, a minute each
	$(GO) test -run '^$$' -fuzz FuzzDecode -fuzztime 60s ./internal/source/files/
	$(GO) test -run '^$$' -fuzz FuzzIgnorePattern -fuzztime 60s ./internal/source/files/
	$(GO) test -run '^$$' -fuzz FuzzParseControlsConfig -fuzztime 60s ./internal/policy/
	$(GO) test -run '^$$' -fuzz FuzzApplyFile -fuzztime 60s ./internal/fix/
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./internal/exceptions/
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 60s ./internal/config/
	$(GO) test -run '^$$' -fuzz FuzzVMAgreesWithTopdown -fuzztime 60s ./internal/scan/

clean: ## Remove build output
	rm -rf bin dist
