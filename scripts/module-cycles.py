#!/usr/bin/env python3
"""Circles of imports between the modules of one Rust crate.

    scripts/module-cycles.py crates/web/src [--edges]

A module is a file under the folder: `a/b.rs` is `a::b`, and `mod.rs`,
`lib.rs` and `main.rs` stand for their folder (the crate root is `crate`).
A module depends on another when its code names it by a path that starts
with `crate::` or `super::`: in `use` trees (groups expanded), in code and in
attributes. `super::` is read from the inline `mod` it sits in, so a test
module's `use super::*` is its own file. A path counts towards the longest of
its prefixes that is a module file. A folder naming its own children
(`mod child;`, `use child::Item`, `self::child`) is containment, not an
arrow; comments and string literals are not read.

Prints each strongly connected group of two or more modules (modules that
reach each other) with the arrows inside it, then `modules=N arrows=N` and
`cycles=N`; exits 1 when there is a cycle. `--edges` lists every arrow first.
"""

import os
import re
import sys

ROOT = "crate"


def strip_literals(text):
    """The text with comments, strings and char literals blanked (newlines kept),
    so braces and paths inside them are not read as code."""
    out = []
    i, n = 0, len(text)

    def blank(start, end):
        out.append(re.sub(r"[^\n]", " ", text[start:end]))

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(i, j)
            i = j
        elif re.match(r"b?r#*\"", text[i:i + 40]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r"b?r(#*)\"", text[i:])
            close = '"' + m.group(1)
            end = text.find(close, i + m.end())
            end = n if end < 0 else end + len(close)
            blank(i, end)
            i = end
        elif c == '"' or (c == "b" and text.startswith('b"', i) and (i == 0 or not text[i - 1].isalnum())):
            j = i + (2 if c == "b" else 1)
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            blank(i, j + 1)
            i = j + 1
        elif c == "'":
            m = re.match(r"'(\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'])'", text[i:])
            if m:  # a char literal; otherwise a lifetime or label
                blank(i, i + m.end())
                i += m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_top(text, sep=","):
    """Splits at `sep` outside braces."""
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:k])
            start = k + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def use_tree_paths(tree, prefix=()):
    """`a::{b, c::{d as e, self}}` -> [a::b, a::c::d, a::c]."""
    tree = tree.strip()
    brace = tree.find("{")
    if brace < 0:
        segments = [s for s in re.split(r"\s*::\s*", tree.split(" as ")[0].strip()) if s]
        if segments == ["self"]:
            return [prefix]
        return [prefix + tuple(segments)]
    head = [s for s in re.split(r"\s*::\s*", tree[:brace]) if s]
    inner = tree[brace + 1:tree.rfind("}")]
    paths = []
    for item in split_top(inner):
        paths.extend(use_tree_paths(item, prefix + tuple(head)))
    return paths


def paths_with_scopes(code):
    """Every path the code names, with the inline-module scope it appears in:
    (scope, segments), scope a tuple of inline module names."""
    found = []
    uses = [(m.start(), m.end()) for m in re.finditer(r"\buse\s+([^;]*);", code)]
    # Inline modules: `mod name {` opens a scope that ends at its brace.
    opens = {m.end() - 1: m.group(1) for m in re.finditer(r"\bmod\s+(\w+)\s*\{", code)}
    stack, depth_stack, depth = [], [], 0
    scopes = [()] * (len(code) + 1)
    for k, ch in enumerate(code):
        if ch == "{":
            if k in opens:
                stack.append(opens[k])
                depth_stack.append(depth)
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth_stack and depth_stack[-1] == depth:
                stack.pop()
                depth_stack.pop()
        scopes[k] = tuple(stack)
    covered = []
    for start, end in uses:
        tree = code[start:end].strip()[3:-1]
        for path in use_tree_paths(tree):
            found.append((scopes[start], path))
        covered.append((start, end))
    for m in re.finditer(r"\b(crate|super)((?:\s*::\s*\w+)+)", code):
        if any(s <= m.start() < e for s, e in covered):
            continue
        segments = (m.group(1),) + tuple(s for s in re.split(r"\s*::\s*", m.group(2)) if s)
        found.append((scopes[m.start()], segments))
    return found


def module_name(root, path):
    parts = os.path.relpath(path, root)[: -len(".rs")].split(os.sep)
    if parts[-1] in ("lib", "main", "mod"):
        parts = parts[:-1]
    return "::".join(parts) if parts else ROOT


def absolute(module, scope, segments):
    """The path from the crate root, or None for an outside crate or a local item."""
    here = [] if module == ROOT else module.split("::")
    here = here + list(scope)
    if not segments:
        return None
    if segments[0] == "crate":
        return list(segments[1:])
    if segments[0] == "super":
        base, rest = list(here), list(segments)
        while rest and rest[0] == "super":
            base, rest = base[:-1], rest[1:]
        return base + rest
    return None  # `self::`, a child module, an outside crate or a local item


def target_of(path, modules):
    for k in range(len(path), -1, -1):
        name = "::".join(path[:k]) if k else ROOT
        if name in modules:
            return name
    return None


def tarjan(edges):
    """Strongly connected components, iteratively."""
    index, low, on_stack, stack, comps = {}, {}, set(), [], []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    comp.append(member)
                    if member == node:
                        break
                comps.append(sorted(comp))
    return comps


def main(argv):
    folders = [a for a in argv if not a.startswith("--")]
    if len(folders) != 1 or not os.path.isdir(folders[0]):
        sys.stderr.write(__doc__)
        return 2
    root = folders[0]
    files = {}
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".rs"):
                path = os.path.join(folder, name)
                files[module_name(root, path)] = path
    edges = {module: set() for module in files}
    for module, path in files.items():
        with open(path, encoding="utf-8") as source:
            code = strip_literals(source.read())
        for scope, segments in paths_with_scopes(code):
            path_from_root = absolute(module, scope, segments)
            if path_from_root is None:
                continue
            target = target_of(path_from_root, files)
            if target is not None and target != module:
                edges[module].add(target)
    if "--edges" in argv:
        for module in sorted(edges):
            for target in sorted(edges[module]):
                print("%s -> %s" % (module, target))
    cycles = [comp for comp in tarjan(edges) if len(comp) > 1]
    for number, comp in enumerate(cycles, 1):
        print("cycle %d: %d modules: %s" % (number, len(comp), ", ".join(comp)))
        inside = set(comp)
        for module in comp:
            for target in sorted(edges[module] & inside):
                print("    %s -> %s" % (module, target))
    print("modules=%d arrows=%d" % (len(files), sum(len(t) for t in edges.values())))
    print("cycles=%d" % len(cycles))
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
