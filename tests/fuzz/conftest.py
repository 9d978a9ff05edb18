"""The fuzz scripts import atheris, an optional tool: pytest must not import them."""

collect_ignore_glob = ["fuzz_*.py"]
