"""Lists the packages under the `dltutor` namespace; the folder mapping lives in pyproject.toml."""

from setuptools import find_packages, setup

TOP_LEVEL = ("engine", "lessons", "tui", "models_onnx")

setup(
    packages=[f"dltutor.{name}" for name in find_packages(include=[f"{top}*" for top in TOP_LEVEL])]
)
