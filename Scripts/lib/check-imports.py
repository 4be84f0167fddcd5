#!/usr/bin/env python3
"""Every module a target imports is one it declares as a dependency (Scripts/test, step 3).

    swift package dump-package | python3 Scripts/lib/check-imports.py ROOT

`swift build --explicit-target-dependency-import-check error` accepts an import of any
target in the importer's dependency *closure*: DistWire depends on DistLang, which depends on
DistSyntax, so the wire target could import the parser unnoticed. This check is the strict
one: an import of a target of this package, or of a module that a package dependency's
product provides, must name a direct dependency of the importing target. Modules from
elsewhere (Foundation, Glibc, Testing, ...) are not this package's to check. Prints each
offending import (file and line) and exits 1 if there is any.
"""
import json
import os
import re
import sys

IMPORT = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?(\w+)"
)


def dependency_names(target):
    """The module names a target depends on directly (target, product or by-name)."""
    names = []
    for dep in target["dependencies"]:
        for kind, value in dep.items():
            names.append(value[0])
    return names


def main():
    root = sys.argv[1]
    package = json.load(sys.stdin)
    targets = {t["name"]: t for t in package["targets"]}
    # The modules whose use this package declares: its own targets and the products of its
    # dependencies that any target names (a product named as its module, as NIOCore is).
    checked = set(targets)
    for t in package["targets"]:
        for dep in t["dependencies"]:
            if "product" in dep:
                checked.add(dep["product"][0])
    failures = []
    for name, t in targets.items():
        if t["type"] in ("system", "binary", "plugin"):
            continue
        folder = t.get("path") or os.path.join("Tests" if t["type"] == "test" else "Sources", name)
        allowed = set(dependency_names(t)) | {name}
        for base, dirs, files in os.walk(os.path.join(root, folder)):
            dirs.sort()
            for f in sorted(files):
                if not f.endswith(".swift"):
                    continue
                path = os.path.join(base, f)
                with open(path, encoding="utf-8") as source:
                    for number, line in enumerate(source, 1):
                        m = IMPORT.match(line)
                        if m and m.group(1) in checked and m.group(1) not in allowed:
                            failures.append(f"{os.path.relpath(path, root)}:{number}: {name} imports "
                                            f"{m.group(1)} without declaring it a dependency")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
