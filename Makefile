# The two commands of the README. Both install whatever is missing first (scripts/bootstrap.sh).
.PHONY: run run-prod test setup dev demo-reset bench

run:        ## install what is missing, migrate SQLite, load demo data if empty, serve on :3000
	@bash scripts/run.sh

run-prod:   ## the scale-out profile: PostgreSQL + Redis (started here unless URLs are given), VISITAPP_WORKERS workers
	@bash scripts/run_prod.sh

test:       ## install what is missing, start PostgreSQL, run unit + integration + browser tests
	@bash scripts/test.sh

setup:
	@bash scripts/bootstrap.sh

dev:        ## like run, with hot reload (frontend :3000, backend :8000)
	@VISITAPP_DEV=1 bash scripts/run.sh

demo-reset: ## wipe the SQLite database and load fresh demo data
	@bash scripts/bootstrap.sh && . scripts/env.sh && python -m visitapp.core.secret && python -m visitapp.demo --reset
