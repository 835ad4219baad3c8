# scaffold's own tasks. `make test` is what CI runs (.ci/run).

GO ?= go
FUZZTIME ?= 1m
BENCHTIME ?= 1s

.PHONY: all build install test vet unit golden check-golden bench fuzz clean

all: test build

## build: the scaffold binary, in bin/
build:
	$(GO) build -o bin/scaffold ./cmd/scaffold

## install: scaffold into GOBIN
install:
	$(GO) install ./cmd/scaffold

## test: vet, unit tests, fuzz seed corpora, goldens, and the compile-and-test of every golden project
test: vet
	$(GO) test -count=1 ./...

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

## unit: the fast tests only (no golden project compiles)
unit:
	$(GO) test -short ./...

## golden: rewrite the golden files from scaffold's current output (review the diff!)
golden:
	$(GO) test ./golden -run 'TestGolden$$' -update

## check-golden: fail when a golden file is out of date
check-golden:
	$(GO) test ./golden -run 'TestGolden$$'

## bench: scaffold's benchmarks, and the generated handler against aws-lambda-go's typed path
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./gen ./cmd/scaffold ./golden

## fuzz: run each fuzz target for FUZZTIME
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./schema
	$(GO) test -run '^$$' -fuzz '^FuzzInvoke$$' -fuzztime $(FUZZTIME) ./golden

clean:
	rm -rf bin
