# Screener: two commands on a fresh Debian 12 machine, as root.
#   make run    install what is missing, build (release), create ./data with a demo config, serve on 127.0.0.1:8080
#   make test   the same set-up, then the whole test suite (debug build)
#   make bench  release build, then the benchmarks (figures go to README "Performance")
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)

APT_PACKAGES := pkg-config libxml2-dev libsqlite3-dev libcurl4-openssl-dev libpoppler-glib-dev \
                poppler-utils python3 python3-jsonschema openssl wrk \
                libcairo2-dev libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-eng fonts-dejavu-core \
                libjemalloc2
DATA ?= ./data
CONFIG ?= $(DATA)/screener.yaml

.PHONY: deps build release run demo-config test bench clean-data

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@command -v swift >/dev/null || { echo "error: swift is not on PATH (expected /opt/swift/usr/bin)"; exit 1; }

build: deps
	swift build --build-tests

release: deps
	swift build -c release --product screener

demo-config:
	@DATA=$(DATA) CONFIG=$(CONFIG) scripts/demo-config.sh

run: release demo-config
	./.build/release/screener migrate --config $(CONFIG)
	./.build/release/screener jobs put scripts/demo/backend-engineer.yaml --config $(CONFIG)
	@echo ""
	@echo "Screener is starting on http://127.0.0.1:8080"
	@echo "  health:   http://127.0.0.1:8080/healthz   ready: http://127.0.0.1:8080/readyz"
	@echo "  metrics:  http://127.0.0.1:8080/metrics   API:   http://127.0.0.1:8080/openapi.yaml"
	@echo "  webhooks: http://127.0.0.1:8080/v1/webhooks/<integration>  (./.build/release/screener integrations list --config $(CONFIG))"
	@echo "  send a signed sample, from another shell:"
	@echo "    ./.build/release/screener events send-sample greenhouse --config $(CONFIG)"
	@echo "  or a whole candidate with an inline resume (parsed, scored and shortlisted offline):"
	@echo "    ./.build/release/screener events send-sample standard --resume scripts/demo/resume-swift-engineer.txt --config $(CONFIG)"
	@echo "    ./.build/release/screener shortlist --job demo-standard:job_0042 --explain --config $(CONFIG)"
	@echo "  demo job demo-greenhouse:371417; reports:"
	@echo "    ./.build/release/screener jobs status --config $(CONFIG)"
	@echo "    ./.build/release/screener shortlist --job demo-greenhouse:371417 --explain --config $(CONFIG)"
	@echo ""
	exec ./.build/release/screener serve --config $(CONFIG)

test: build
	SCREENER_BIN=$(CURDIR)/.build/debug/screener swift test --skip-build

bench: deps
	swift build -c release --product screener
	scripts/bench.sh

clean-data:
	rm -rf $(DATA)
