# The two commands of the README (OPS-1): `make run` and `make test`.
# Both install missing Debian packages first (deploy/install-deps.sh), then configure and build.
BUILD_DIR ?= build
SAN_DIR ?= build-asan
JOBS ?= $(shell nproc)

.PHONY: run test deps build build-asan unit bench fuzz format clean

deps:
	@bash deploy/install-deps.sh

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD_DIR) -j $(JOBS)

build-asan: deps
	cmake -S . -B $(SAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DPORTAL_SANITIZE=ON
	cmake --build $(SAN_DIR) -j $(JOBS)

# Every test: unit, integration and end-to-end (real processes on free ports), then the unit and
# integration tests again under ASan/UBSan (built after the first run, so its failures show first).
test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600
	$(MAKE) build-asan
	cd $(SAN_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 900 -L 'unit|integration'

# The whole system with demo data; prints the gateway URL and demo logins. Ctrl-C stops it.
run: build
	@bash deploy/run-local.sh $(BUILD_DIR)/bin

bench: build
	@WITH_BENCH=1 bash deploy/install-deps.sh
	@bash tests/bench/gateway_vs_nginx.sh $(BUILD_DIR)/bin

# Issue 19: the XLSX reader's libFuzzer target for 10 minutes (make test runs it for 20 s); figures in docs/finance.md.
fuzz: build
	cmake --build $(BUILD_DIR) --target fuzz

format:
	find libs services tests -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(SAN_DIR)
