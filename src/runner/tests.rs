//! The runner's parsing, on captured outputs; running real tools is for `tests/test_cmd.rs`.

use super::*;

const RUST_FAILED: &str = "
running 2 tests
test tests::adds ... FAILED
test tests::zero ... ok

failures:

---- tests::adds stdout ----

thread 'tests::adds' (1603) panicked at card_tests.rs:5:17:
assertion `left == right` failed
  left: -1
 right: 3
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    tests::adds

test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";

const TESTS_RS: &str = "#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn adds() { assert_eq!(add(1, 2), 3); }\n}\n";

#[test]
fn libtest_output_gives_each_test_and_the_first_panic() {
    let report = rust::parse_tests(RUST_FAILED, false, "fn add() {}", TESTS_RS);
    assert_eq!(report.outcome, Outcome::Failed);
    assert_eq!((report.passed(), report.failed()), (1, 1));
    assert_eq!(report.summary(), "1 passed, 1 failed");
    let f = report.failure.unwrap();
    assert_eq!(f.test, "tests::adds");
    assert_eq!(f.place, Some(Place::Tests(5)));
    assert_eq!(
        f.line_text.as_deref(),
        Some("    fn adds() { assert_eq!(add(1, 2), 3); }")
    );
    assert_eq!(f.values, Some(("-1".into(), "==".into(), "3".into())));
    assert_eq!(f.message, "assertion `left == right` failed");
}

#[test]
fn a_panic_in_the_learners_code_is_at_their_line() {
    let out = RUST_FAILED.replace(
        "card_tests.rs:5:17:\nassertion `left == right` failed\n  left: -1\n right: 3",
        "solution.rs:2:5:\nnot yet implemented",
    );
    let f = rust::parse_tests(&out, false, "fn a() {\n    todo!()\n}", TESTS_RS)
        .failure
        .unwrap();
    assert_eq!(f.place, Some(Place::Yours(2)));
    assert_eq!(f.line_text.as_deref(), Some("    todo!()"));
    assert_eq!(f.message, "not yet implemented");
    assert_eq!(f.values, None);
}

#[test]
fn printed_verdict_lines_do_not_pass_a_failing_binary() {
    // The learner wrote libtest's lines themselves; the exit status says otherwise.
    let fake = "test tests::adds ... ok\ntest result: ok. 1 passed; 0 failed\n";
    let report = rust::parse_tests(fake, false, "", "");
    assert_ne!(report.outcome, Outcome::Passed);
    let report = rust::parse_tests(fake, true, "", "");
    assert_eq!(
        report.outcome,
        Outcome::Passed,
        "exit 0 with a summary passes"
    );
}

#[test]
fn an_exit_without_a_summary_is_not_a_pass() {
    let report = rust::parse_tests("running 2 tests\n", true, "", "");
    assert!(matches!(report.outcome, Outcome::Broken(_)), "{report:?}");
}

#[test]
fn rustc_json_errors_point_at_the_learners_lines() {
    let stderr = r#"{"$message_type":"diagnostic","message":"mismatched types","code":{"code":"E0308","explanation":"..."},"level":"error","spans":[{"file_name":"solution.rs","byte_start":1,"byte_end":2,"line_start":2,"line_end":2,"column_start":23,"column_end":26,"is_primary":true,"text":[],"label":"expected `i32`, found `&str`","suggested_replacement":null,"suggestion_applicability":null,"expansion":null}],"children":[],"rendered":"error[E0308]"}
{"$message_type":"diagnostic","message":"aborting due to 1 previous error","code":null,"level":"error","spans":[],"children":[],"rendered":"error: aborting due to 1 previous error\n\n"}
{"$message_type":"diagnostic","message":"unused variable","code":null,"level":"warning","spans":[{"file_name":"solution.rs","line_start":9,"is_primary":true,"label":null}],"children":[],"rendered":""}
"#;
    let diagnostics = rust::parse_diagnostics(stderr);
    assert_eq!(
        diagnostics,
        vec![Diagnostic {
            place: Some(Place::Yours(2)),
            message: "error[E0308]: mismatched types (expected `i32`, found `&str`)".into(),
        }]
    );
}

const NONCE: &str = "TUTOR-1:";

#[test]
fn harness_lines_give_each_test_and_the_values_compared() {
    let stdout = format!(
        "{NONCE}{{\"kind\": \"pass\", \"name\": \"line 2: assert f(1) == 1\"}}\n\
         {NONCE}{{\"kind\": \"fail\", \"name\": \"line 3: assert f(2) == 4\", \"error\": \"AssertionError\", \"message\": \"\", \"file\": \"card_tests.py\", \"line\": 3, \"values\": {{\"left\": \"2\", \"right\": \"4\", \"op\": \"==\"}}}}\n\
         {NONCE}{{\"kind\": \"done\"}}\n"
    );
    let tests = "import math\nassert f(1) == 1\nassert f(2) == 4\n";
    let report = python::parse(&stdout, NONCE, "def f(x):\n    return x\n", tests);
    assert_eq!(report.outcome, Outcome::Failed);
    assert_eq!(report.summary(), "1 passed, 1 failed");
    let f = report.failure.unwrap();
    assert_eq!(f.place, Some(Place::Tests(3)));
    assert_eq!(f.line_text.as_deref(), Some("assert f(2) == 4"));
    assert_eq!(f.values, Some(("2".into(), "==".into(), "4".into())));
    assert_eq!(f.message, "AssertionError");
}

#[test]
fn lines_without_the_nonce_are_ignored() {
    let stdout = "{\"kind\": \"pass\", \"name\": \"fake\"}\nPASS\nTUTOR-2:{\"kind\": \"done\"}\n";
    let report = python::parse(stdout, NONCE, "", "");
    assert!(report.tests.is_empty());
    assert!(
        matches!(report.outcome, Outcome::Broken(_)),
        "no done of ours: {report:?}"
    );
}

#[test]
fn a_syntax_error_is_a_compile_error_at_the_learners_line() {
    let stdout = format!(
        "{NONCE}{{\"kind\": \"fail\", \"name\": \"loading your code\", \"error\": \"SyntaxError\", \"message\": \"expected ':' (solution.py, line 1)\", \"file\": \"solution.py\", \"line\": 1}}\n{NONCE}{{\"kind\": \"done\"}}\n"
    );
    let report = python::parse(&stdout, NONCE, "def f(x)\n", "");
    assert_eq!(report.outcome, Outcome::CompileError);
    assert_eq!(report.diagnostics[0].place, Some(Place::Yours(1)));
    assert!(
        report.diagnostics[0]
            .message
            .starts_with("SyntaxError: expected ':'")
    );
    assert_eq!(report.summary(), "did not parse");
}

#[test]
fn an_old_python_says_what_to_install() {
    let stdout = format!("{NONCE}{{\"kind\": \"version\", \"version\": \"3.9\"}}\n");
    let report = python::parse(&stdout, NONCE, "", "");
    assert_eq!(
        report.outcome,
        Outcome::Missing("python3 is version 3.9: install Python 3.11 or newer (python3)".into())
    );
}

#[test]
fn a_timeout_reads_timed_out_after_10_s() {
    let report = Report::new(Lang::Python, Outcome::TimedOut(PYTHON_TIME));
    assert_eq!(report.summary(), "0 passed, 0 failed; timed out after 10 s");
}

#[test]
fn the_interpreter_reported_is_taken_only_if_it_is_an_absolute_file() {
    let line = |path: &str| format!("{NONCE}{{\"kind\": \"exe\", \"path\": \"{path}\"}}\n");
    let here = std::env::current_exe().unwrap();
    let shown = here.display().to_string();
    assert_eq!(python::interpreter(&line(&shown), NONCE), Some(here));
    assert_eq!(python::interpreter(&line("python3"), NONCE), None);
    assert_eq!(python::interpreter(&line("/no/such/python3"), NONCE), None);
    assert_eq!(
        python::interpreter(&line(&shown), "TUTOR-2:"),
        None,
        "not our nonce"
    );
}
