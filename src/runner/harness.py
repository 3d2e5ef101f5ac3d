# tutor's Python test harness (src/runner/python.rs). Run as
#   python3 -I harness.py NONCE
# in a fresh temporary folder holding solution.py (the learner's code) and
# card_tests.py. The solution runs first, then the tests in the same namespace, as if
# one file (the way the deck's samples run), as the module `__main__`.
# Each top-level statement of the tests that contains an `assert` is one test; the
# others (imports, helpers, data) are setup. Verdicts go, one JSON object a line, each
# starting with NONCE, to the stdout tutor gave us; the learner's own stdout is sent to
# stderr first, so nothing the learner prints can read as a verdict.
import ast, json, os, sys, traceback

if __name__ != "__main__":
    # A child started by multiprocessing (spawn, forkserver) imports this file again as
    # __mp_main__: define what the one-file sample would define, and run no verdicts.
    for _name in ("solution.py", "card_tests.py"):
        _path = os.path.join(os.path.dirname(os.path.abspath(__file__)), _name)
        with open(_path, encoding="utf-8") as _f:
            exec(compile(_f.read(), _name, "exec"), globals())
else:
    import types

    _nonce = sys.argv[1]
    _solution, _tests = "solution.py", "card_tests.py"
    _verdicts = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    sys.stdout.flush()
    os.dup2(2, 1)

    def _say(**record):
        _verdicts.write(_nonce + json.dumps(record) + "\n")
        _verdicts.flush()

    if sys.version_info < (3, 11):
        _say(kind="version", version="%d.%d" % sys.version_info[:2])
        os._exit(3)
    # Which interpreter this is: tutor runs it directly next time, past a version
    # manager's `python3` (pyenv's is a shell script that takes longer than the tests).
    _say(kind="exe", path=sys.executable or "")

    _OPS = {
        "Eq": "==", "NotEq": "!=", "Lt": "<", "LtE": "<=", "Gt": ">", "GtE": ">=",
        "Is": "is", "IsNot": "is not", "In": "in", "NotIn": "not in",
    }

    class _Failed(AssertionError):
        pass

    def _short(value):
        text = repr(value)
        return text if len(text) <= 400 else text[:400] + "..."

    def __tutor_compare__(left, right, op):
        ok = {
            "==": lambda: left == right, "!=": lambda: left != right,
            "<": lambda: left < right, "<=": lambda: left <= right,
            ">": lambda: left > right, ">=": lambda: left >= right,
            "is": lambda: left is right, "is not": lambda: left is not right,
            "in": lambda: left in right, "not in": lambda: left not in right,
        }[op]()
        if not ok:
            e = _Failed()
            e.tutor_values = {"left": _short(left), "right": _short(right), "op": op}
            raise e
        return True

    class _Rewrite(ast.NodeTransformer):
        """`assert a == b` → `assert __tutor_compare__(a, b, "==")`: the values it saw
        are kept, and each side is evaluated once, as before."""

        def visit_Assert(self, node):
            self.generic_visit(node)
            test = node.test
            if isinstance(test, ast.Compare) and len(test.ops) == 1:
                op = _OPS.get(type(test.ops[0]).__name__)
                if op is not None:
                    call = ast.Call(
                        func=ast.Name(id="__tutor_compare__", ctx=ast.Load()),
                        args=[test.left, test.comparators[0], ast.Constant(op)],
                        keywords=[],
                    )
                    node.test = ast.copy_location(call, test)
            return node

    def _flush():
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass

    def _has_assert(node):
        """Whether the statement asserts when it runs: an `assert` in it, outside the
        functions and classes it defines (a fake's method that asserts is setup)."""
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return False
        return any(_has_assert(child) for child in ast.iter_child_nodes(node))

    def _where(tb, exc):
        """The innermost line in the learner's file or the tests, as (file, line)."""
        frames = traceback.extract_tb(tb)
        if isinstance(exc, SyntaxError) and exc.filename in (_sol_name, _test_name):
            return exc.filename, exc.lineno or 1
        for frame in reversed(frames):
            if frame.filename in (_sol_name, _test_name):
                return frame.filename, frame.lineno
        return None, None

    def _failure(name, exc, tb):
        file, line = _where(tb, exc)
        record = dict(kind="fail", name=name, error="AssertionError" if isinstance(exc, _Failed) else type(exc).__name__,
                      message=str(exc)[:2000], file=file, line=line)
        values = getattr(exc, "tutor_values", None)
        if values:
            record["values"] = values
        return record

    _sol_name = os.path.basename(_solution)
    _test_name = os.path.basename(_tests)
    # The learner's module: its own namespace (the harness's names stay out of its way),
    # registered as __main__ so that pickling its functions by name works, and with
    # this file as its __file__ so that a spawned child runs the branch above.
    _main = types.ModuleType("__main__")
    _main.__file__ = os.path.abspath(__file__)
    _main.__tutor_compare__ = __tutor_compare__
    sys.modules["__main__"] = _main
    _ns = _main.__dict__
    sys.argv = [_solution]
    # Both files are read before the learner's code runs: it may delete them.
    with open(_tests, encoding="utf-8") as f:
        _test_source = f.read()
    _tree = ast.parse(_test_source, _test_name)
    _lines = [""] + _test_source.splitlines()
    try:
        with open(_solution, encoding="utf-8") as f:
            _code = compile(f.read(), _sol_name, "exec", dont_inherit=True)
        exec(_code, _ns)
    except BaseException as e:
        if isinstance(e, SystemExit):
            e = RuntimeError("your code called exit() at load time")
        _say(**_failure("loading your code", e, e.__traceback__))
        _say(kind="done")
        _flush()
        os._exit(1)

    _failed = 0
    for _stmt in _tree.body:
        _is_test = _has_assert(_stmt)
        _name = "line %d: %s" % (_stmt.lineno, _lines[_stmt.lineno].strip()[:60].rstrip())
        _mod = ast.Module(body=[_Rewrite().visit(_stmt)], type_ignores=[])
        ast.fix_missing_locations(_mod)
        try:
            exec(compile(_mod, _test_name, "exec", dont_inherit=True), _ns)
            if _is_test:
                _say(kind="pass", name=_name)
        except BaseException as e:
            if isinstance(e, SystemExit):
                e = RuntimeError("exit() was called during the tests")
            _failed += 1
            if _is_test:
                _say(**_failure(_name, e, e.__traceback__))
            else:
                _say(**_failure("setup " + _name, e, e.__traceback__))
                break
    _say(kind="done")
    _flush()
    os._exit(1 if _failed else 0)
