//! `rustprep backup` and `rustprep restore` against the real binary: a
//! backup taken while sign-ups stream in holds every sign-up acknowledged
//! before it began, and restores into a data directory a server then serves;
//! and the refusals.

mod support;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use support::{Reader, Server, repo_root, temp_dir};

const PASSWORD: &str = "backed-up-and-restored-42";

/// A server on `data_dir` serving the two-question fixture bank: these tests
/// are about user data, and a small bank starts in a fraction of the time.
fn small_bank_server(data_dir: std::path::PathBuf, extra_args: &[&str]) -> Server {
    let bank = repo_root().join("crates/bank/tests/fixtures/valid");
    let mut args = vec!["--content", path(&bank)];
    args.extend_from_slice(extra_args);
    Server::launch(data_dir, None, &args, &[])
}

/// Runs the binary with `DATABASE_URL` unset unless `env` sets it.
fn rustprep(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rustprep"))
        .args(args)
        .env_remove("DATABASE_URL")
        .envs(env.iter().copied())
        .output()
        .expect("run rustprep")
}

fn path(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Readers signing up one after another on a few threads, each sign-up
/// recorded once the server has acknowledged it (303).
struct SignUps {
    acknowledged: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl SignUps {
    fn start(base: &str, workers: usize) -> SignUps {
        let acknowledged = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let workers = (0..workers)
            .map(|worker| {
                let (acknowledged, stop, base) = (acknowledged.clone(), stop.clone(), base.to_owned());
                std::thread::spawn(move || {
                    for n in 0..500 {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        // A new reader each time (signing up signs in).
                        let http = reqwest::blocking::Client::builder()
                            .redirect(reqwest::redirect::Policy::none())
                            .cookie_store(true)
                            .timeout(Duration::from_secs(30))
                            .build()
                            .expect("client");
                        let form = http.get(format!("{base}/signup")).send().and_then(|r| r.text());
                        let form = form.expect("GET /signup");
                        let csrf = support::csrf_in(&form);
                        let email = format!("stream-{worker}-{n}@example.com");
                        let fields = [("csrf", csrf.as_str()), ("email", &email), ("password", PASSWORD)];
                        let response = http.post(format!("{base}/signup")).form(&fields).send();
                        let status = response.expect("POST /signup").status().as_u16();
                        assert_eq!(status, 303, "sign-up of {email}");
                        acknowledged.lock().expect("lock").push(email);
                    }
                })
            })
            .collect();
        SignUps {
            acknowledged,
            stop,
            workers,
        }
    }

    fn acknowledged(&self) -> Vec<String> {
        self.acknowledged.lock().expect("lock").clone()
    }

    /// Waits until at least `count` sign-ups were acknowledged.
    fn wait_for(&self, count: usize) {
        let deadline = Instant::now() + Duration::from_secs(120);
        while self.acknowledged.lock().expect("lock").len() < count {
            assert!(Instant::now() < deadline, "fewer than {count} sign-ups in two minutes");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Stops the stream; every sign-up acknowledged.
    fn stop(self) -> Vec<String> {
        self.stop.store(true, Ordering::Relaxed);
        for worker in self.workers {
            worker.join().expect("sign-up worker");
        }
        self.acknowledged.lock().expect("lock").clone()
    }
}

/// The number in "N account(s)" of a command's report.
fn accounts(report: &str) -> usize {
    let words: Vec<&str> = report.split_whitespace().collect();
    let at = words.iter().position(|word| word.starts_with("account(s)"));
    at.and_then(|at| words.get(at.checked_sub(1)?)?.parse().ok())
        .unwrap_or_else(|| panic!("no account count in {report:?}"))
}

#[test]
fn a_backup_taken_during_sign_ups_restores_every_sign_up_acknowledged_before_it() {
    let server = small_bank_server(temp_dir("data"), &["--signups-per-hour", "100000"]);
    let stream = SignUps::start(&server.base, 3);
    stream.wait_for(10);
    // Every sign-up in this list was committed before the backup starts.
    let before = stream.acknowledged();
    let file = temp_dir("backup").join("rustprep-backup.db");
    let backup = rustprep(&["backup", path(&file), "--data-dir", path(&server.data_dir)], &[]);
    let right_after = stream.acknowledged().len();
    let all = stream.stop();
    drop(server);
    assert!(backup.status.success(), "backup failed: {}", stderr(&backup));
    let report = stdout(&backup);
    assert!(report.contains("integrity check ok"), "{report}");
    let in_backup = accounts(&report);
    println!(
        "{} sign-ups acknowledged before the backup, {right_after} when it returned, {} in all; {in_backup} in the backup",
        before.len(),
        all.len()
    );
    assert!((before.len()..=all.len()).contains(&in_backup), "{report}");

    let fresh = temp_dir("restored");
    let restore = rustprep(&["restore", path(&file), "--data-dir", path(&fresh)], &[]);
    assert!(restore.status.success(), "restore failed: {}", stderr(&restore));
    assert_eq!(accounts(&stdout(&restore)), in_backup, "{}", stdout(&restore));
    let restored = small_bank_server(fresh, &[]);
    let listed = restored.users(&["list"]);
    let missing: Vec<&String> = before.iter().filter(|email| !listed.contains(email.as_str())).collect();
    assert!(
        missing.is_empty(),
        "acknowledged before the backup, missing after restore: {missing:?}"
    );
    assert_eq!(accounts(&listed), in_backup, "{listed}");
    // The restored server serves them: the first and the last can log in.
    for email in [before.first(), before.last()].map(|email| email.expect("sign-ups")) {
        let reader = Reader::new(&restored);
        assert_eq!(
            reader.log_in(email, PASSWORD).status().as_u16(),
            303,
            "log in as {email}"
        );
    }
}

#[test]
fn backup_refuses_to_overwrite_a_file_or_to_copy_a_missing_database() {
    let data = temp_dir("backup-source");
    let created = rustprep(&["users", "--data-dir", path(&data), "list"], &[]);
    assert!(created.status.success(), "{}", stderr(&created));
    let dir = temp_dir("backup-target");
    let file = dir.join("taken.db");
    std::fs::write(&file, "keep me").expect("write");
    let output = rustprep(&["backup", path(&file), "--data-dir", path(&data)], &[]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("already exists"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "keep me");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["taken.db"], "nothing else is left beside it");

    let empty = temp_dir("backup-empty");
    let output = rustprep(&["backup", path(&dir.join("new.db")), "--data-dir", path(&empty)], &[]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("there is no database at"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.join("new.db").exists());
}

#[test]
fn restore_refuses_while_a_server_runs_and_a_database_in_place_without_force() {
    // A backup of an empty database.
    let source = temp_dir("restore-source");
    let created = rustprep(&["users", "--data-dir", path(&source), "list"], &[]);
    assert!(created.status.success(), "{}", stderr(&created));
    let file = temp_dir("restore-file").join("empty.db");
    let backup = rustprep(&["backup", path(&file), "--data-dir", path(&source)], &[]);
    assert!(backup.status.success(), "{}", stderr(&backup));

    // A data directory whose database has an account, and a server on it.
    let target = temp_dir("restore-target");
    let target_arg = path(&target);
    let server = small_bank_server(target.clone(), &[]);
    let reader = Reader::new(&server);
    assert_eq!(reader.sign_up("replaced@example.com", PASSWORD).status().as_u16(), 303);
    let refused = rustprep(&["restore", path(&file), "--data-dir", target_arg, "--force"], &[]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("stop it first"), "{}", stderr(&refused));
    assert!(server.users(&["list"]).contains("replaced@example.com"));

    // Stopped (killed: its write-ahead log stays behind), it still needs --force.
    server.kill();
    let list = || stdout(&rustprep(&["users", "--data-dir", target_arg, "list"], &[]));
    let refused = rustprep(&["restore", path(&file), "--data-dir", target_arg], &[]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("pass --force"), "{}", stderr(&refused));
    assert!(
        list().contains("replaced@example.com"),
        "the database in place is untouched"
    );
    let restored = rustprep(&["restore", path(&file), "--data-dir", target_arg, "--force"], &[]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    assert!(stdout(&restored).contains("replacing"), "{}", stdout(&restored));
    let listed = list();
    assert!(listed.contains("0 account(s)"), "{listed}");
    let left: Vec<_> = std::fs::read_dir(&target)
        .expect("dir")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert!(
        !left.iter().any(|name| name.to_string_lossy().contains("restore")),
        "{left:?}"
    );
}

#[test]
fn restore_refuses_a_file_that_is_not_a_rustprep_database() {
    let dir = temp_dir("restore-junk");
    let text = dir.join("notes.txt");
    std::fs::write(&text, "not a database at all\n".repeat(100)).expect("write");
    let empty = dir.join("empty.db");
    std::fs::write(&empty, "").expect("write");
    let target = temp_dir("restore-junk-target");
    for (file, why) in [
        (&text, "file is not a database"),
        (&empty, "no `_sqlx_migrations` table"),
    ] {
        let output = rustprep(&["restore", path(file), "--data-dir", path(&target)], &[]);
        let message = stderr(&output);
        assert!(!output.status.success());
        assert!(
            message.contains("is not a rustprep database") && message.contains(why),
            "{message}"
        );
        assert!(message.contains(path(file)), "names the file given: {message}");
    }
    let left: Vec<_> = std::fs::read_dir(&target)
        .expect("dir")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["rustprep.db.lock"], "no database and no temporary copy left");
}

#[test]
fn backup_and_restore_refuse_a_postgres_database_url() {
    let dir = temp_dir("backup-postgres");
    let file = dir.join("pg.db");
    let url = [("DATABASE_URL", "postgres://rustprep:hunter2secret@127.0.0.1:1/rustprep")];
    let backup = rustprep(&["backup", path(&file), "--data-dir", path(&dir)], &url);
    let restore = rustprep(&["restore", path(&file), "--data-dir", path(&dir)], &url);
    for (output, tool) in [(&backup, "pg_dump -Fc"), (&restore, "pg_restore --clean --if-exists")] {
        let message = stderr(output);
        assert!(!output.status.success());
        assert!(message.contains("PostgreSQL") && message.contains(tool), "{message}");
        assert!(message.contains("\"Backups\" in the README"), "{message}");
        assert!(
            !message.contains("hunter2secret"),
            "the URL's password is not shown: {message}"
        );
    }
    assert!(!file.exists());
}
