# Kinerja: the two commands of the README, and the benchmark.
.PHONY: run test bench
run:
	bash scripts/run.sh
test:
	bash scripts/test.sh
bench:
	bash scripts/bench.sh
	bash scripts/bench-web.sh
