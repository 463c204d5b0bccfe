"""Validates SARIF logs against the SARIF 2.1.0 JSON Schema.

Usage: python3 .ci/sarif.py FILE.sarif... [--schema PATH]

The schema defaults to ../shared/schemas/sarif-2.1.0.json (next to this repository). Exits 0
when every file is valid, 1 with each violation (file, JSON path, message) when one is not,
and 2 when a file or the schema cannot be read.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, "..", "..", "shared", "schemas", "sarif-2.1.0.json")


def import_jsonschema():
    """jsonschema, installed for this user first if it is missing."""
    try:
        import jsonschema
        return jsonschema
    except ImportError:
        pass
    print("jsonschema is missing: pip install --user jsonschema", file=sys.stderr)
    pip = [sys.executable, "-m", "pip", "install", "--quiet"]
    # --user first; a virtualenv refuses --user (install into it instead), and an
    # interpreter marked as externally managed (PEP 668) refuses even --user installs.
    for extra in (["--user"], [], ["--user", "--break-system-packages"]):
        if subprocess.call(pip + extra + ["jsonschema"]) == 0:
            break
    else:
        print("could not install jsonschema", file=sys.stderr)
        sys.exit(2)
    import site
    import importlib
    sys.path.append(site.getusersitepackages())
    importlib.invalidate_caches()
    import jsonschema
    return jsonschema


def load(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: cannot read the {what}: {e}", file=sys.stderr)
        sys.exit(2)


def where(error):
    """`$.runs[0].results[2]`: the JSON path of a violation."""
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def main(argv):
    schema_path = DEFAULT_SCHEMA
    files = []
    args = iter(argv)
    for arg in args:
        if arg == "--schema":
            schema_path = next(args, None)
            if schema_path is None:
                print("--schema needs a path", file=sys.stderr)
                return 2
        else:
            files.append(arg)
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    jsonschema = import_jsonschema()
    schema = load(schema_path, "schema")
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    failed = False
    for path in files:
        log = load(path, "SARIF log")
        errors = sorted(validator.iter_errors(log), key=lambda e: [str(p) for p in e.absolute_path])
        for error in errors:
            print(f"{path}: {where(error)}: {error.message}", file=sys.stderr)
        if errors:
            failed = True
            print(f"{path}: {len(errors)} violation(s) of {schema_path}", file=sys.stderr)
        else:
            runs = log.get("runs", [])
            results = sum(len(run.get("results") or []) for run in runs)
            print(f"{path}: valid SARIF {log.get('version')} ({len(runs)} run(s), {results} result(s))")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
