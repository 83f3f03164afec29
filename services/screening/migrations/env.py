import services.screening.models  # noqa: F401  (registers the tables)
from common.migration_env import run, tables_with_prefix

run(tables_with_prefix("screening_"))
