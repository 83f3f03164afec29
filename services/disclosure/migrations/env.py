import services.disclosure.models  # noqa: F401  (registers the tables)
from common.migration_env import run, tables_with_prefix

run(tables_with_prefix("disclosure_"))
