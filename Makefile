# scaffold's own tasks. `make test` is what CI runs (.ci/run).

GO ?= go
FUZZTIME ?= 1m
BENCHTIME ?= 1s

.PHONY: all build install demo sync-module test vet unit golden check-golden bench fuzz mutate clean

# in-golden CASE,CMD runs CMD in the project of golden/CASE.txtar, extracted to
# a temporary directory beside a go.work that points the scaffold it pins at
# this repository: the fuzz targets of generated params code live there. The
# runtime (templates/runtime/batch) is fuzzed and benchmarked in place.
in-golden = dir=$$(mktemp -d) && $(GO) run github.com/rogpeppe/go-internal/cmd/txtar-x -C $$dir golden/$(1).txtar && \
	printf 'go 1.26.0\n\nuse ./out\n\nreplace github.com/s3batchops/scaffold => %s\n' "$(CURDIR)" > $$dir/go.work && \
	(cd $$dir/out && $(2)); status=$$?; rm -rf $$dir; exit $$status

all: test build

## build: scaffold and scaffold-s3 (which scaffold manifest --list runs), in bin/
build:
	$(GO) build -o bin/ ./cmd/scaffold ./cmd/scaffold-s3

## install: scaffold and scaffold-s3 into GOBIN
install:
	$(GO) install ./cmd/scaffold ./cmd/scaffold-s3

## demo: generate the AWS blog's copy function into demo/copier and run its tests
demo:
	rm -rf demo
	$(GO) run ./cmd/scaffold new --no-input --starter copy --name copier --module example.com/copier demo/copier
	cd demo/copier && $(MAKE) test build

## sync-module: copy go.mod and go.sum into templates/, which generated projects pin scaffold from
sync-module:
	cp go.mod templates/scaffold-go.mod
	cp go.sum templates/scaffold-go.sum
	$(GO) list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}}{{end}}{{end}}' ./cmd/scaffold | sort -u > templates/scaffold-tool-modules.txt

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
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./gen ./cmd/scaffold ./localjob ./golden
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) -count 5 -cpu 1,2 ./templates/runtime/batch

## fuzz: run each fuzz target for FUZZTIME
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./schema
	$(GO) test -run '^$$' -fuzz '^FuzzMetaValidate$$' -fuzztime $(FUZZTIME) ./schema
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeLock$$' -fuzztime $(FUZZTIME) ./gen
	$(GO) test -run '^$$' -fuzz '^FuzzLoneSurrogateAt$$' -fuzztime $(FUZZTIME) ./app
	$(GO) test -run '^$$' -fuzz '^FuzzInvoke$$' -fuzztime $(FUZZTIME) ./templates/runtime/batch
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeEvent$$' -fuzztime $(FUZZTIME) ./templates/runtime/batch
	$(call in-golden,task,$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./internal/params)

## mutate: apply known bugs one at a time to a copy of the repository, bless the goldens, run the suite; list the survivors
mutate:
	$(GO) run ./internal/mutate

clean:
	rm -rf bin demo
