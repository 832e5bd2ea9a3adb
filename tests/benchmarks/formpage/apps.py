from django.apps import AppConfig


class FormPageConfig(AppConfig):
    name = "tests.benchmarks.formpage"
    label = "benchformpage"
    verbose_name = "Benchmark form page"
