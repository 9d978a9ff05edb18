"""Coverage-guided fuzz targets (atheris) and the checks they share with the regression tests."""
