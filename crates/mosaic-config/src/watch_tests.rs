use super::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::time::Instant;

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "mosaic-config-watch-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Saves like an editor does: write a new file beside it, then rename it over the old one.
fn save(path: &std::path::Path, text: &str) {
    let temp = path.with_extension("swp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

fn no_env() -> SharedEnv {
    Arc::new(|_: &str| None)
}

#[tokio::test(start_paused = true)]
async fn a_burst_of_events_settles_once_the_file_is_quiet() {
    let (events_tx, mut events) = mpsc::unbounded_channel();
    let start = Instant::now();
    events_tx.send(()).unwrap();
    let burst = tokio::spawn(async move {
        for _ in 0..3 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            events_tx.send(()).unwrap();
        }
        events_tx
    });
    assert!(settled(&mut events, Duration::from_millis(250)).await);
    // The last event came at 300 ms; quiet for 250 ms after it.
    assert_eq!(start.elapsed(), Duration::from_millis(550));
    drop(burst.await.unwrap());
    assert!(!settled(&mut events, Duration::from_millis(250)).await);
}

#[tokio::test]
async fn unchanged_content_is_not_reloaded_and_a_missing_file_is_reported() {
    let dir = TempDir::new();
    let path = dir.0.join("mosaic.yaml");
    std::fs::write(&path, "cache: {max_entries: 1}\n").unwrap();
    let mut reloader = Reloader {
        path: path.clone(),
        plugins: mosaic_providers::builtin_set(),
        env: no_env(),
        debounce: ConfigWatcher::DEBOUNCE,
        last: None,
        forced: Arc::new(AtomicBool::new(false)),
    };
    let first = reloader.reload(read(&path).await).unwrap().unwrap();
    assert_eq!(first.cache.max_entries, 1);
    assert!(
        reloader.reload(read(&path).await).is_none(),
        "same content, no reload"
    );
    std::fs::remove_file(&path).unwrap();
    let missing = reloader.reload(read(&path).await).unwrap().unwrap_err();
    assert!(
        missing.to_string().starts_with("could not read"),
        "{missing}"
    );
    // Back with the same content: after an error, it is reported again as valid.
    std::fs::write(&path, "cache: {max_entries: 1}\n").unwrap();
    assert!(reloader.reload(read(&path).await).unwrap().is_ok());
}

#[tokio::test]
async fn a_nudged_reload_loads_unchanged_content_once() {
    let dir = TempDir::new();
    let path = dir.0.join("mosaic.yaml");
    std::fs::write(&path, "cache: {max_entries: 1}\n").unwrap();
    let mut reloader = Reloader {
        path: path.clone(),
        plugins: mosaic_providers::builtin_set(),
        env: no_env(),
        debounce: ConfigWatcher::DEBOUNCE,
        last: Some(digest("cache: {max_entries: 1}\n")),
        forced: Arc::new(AtomicBool::new(false)),
    };
    assert!(reloader.reload(read(&path).await).is_none());
    let (events, _heard) = mpsc::unbounded_channel();
    let nudge = Nudge {
        events,
        forced: Arc::clone(&reloader.forced),
    };
    nudge.reload();
    assert!(
        reloader.reload(read(&path).await).unwrap().is_ok(),
        "asked for, so loaded although unchanged"
    );
    assert!(
        reloader.reload(read(&path).await).is_none(),
        "the request is used up by one load"
    );
}

/// Appends `text` to the file at `path`, as a writer producing it piece by piece does.
fn append(path: &std::path::Path, text: &str) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_slowly_written_file_is_read_only_once_stable() {
    let dir = TempDir::new();
    let path = dir.0.join("mosaic.yaml");
    std::fs::write(&path, "cache: {max_entries: 1}\n").unwrap();
    let reloader = Reloader {
        path: path.clone(),
        plugins: mosaic_providers::builtin_set(),
        env: no_env(),
        debounce: Duration::from_millis(250),
        last: Some(digest("cache: {max_entries: 1}\n")),
        forced: Arc::new(AtomicBool::new(false)),
    };
    let (events_tx, events) = mpsc::unbounded_channel();
    let (reloads_tx, mut reloads) = mpsc::channel(8);
    let watcher = tokio::spawn(reloader.run(events, reloads_tx));

    // Three pieces 300 ms apart, longer than the debounce, and only the first announced:
    // each prefix is a valid file, so reading one would swap in a configuration nobody wrote.
    std::fs::write(&path, "cache: {max_entries: 2}\n").unwrap();
    events_tx.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    append(&path, "executor: {timeout: 5s}\n");
    tokio::time::sleep(Duration::from_millis(300)).await;
    append(&path, "server: {max_body_bytes: 7}\n");

    let config = reloads.recv().await.unwrap().unwrap();
    assert_eq!(
        (
            config.cache.max_entries,
            config.executor.timeout,
            config.server.max_body_bytes
        ),
        (2, Duration::from_secs(5), 7),
        "the whole file, not a prefix"
    );
    // And nothing else: no prefix before it, no second reload of the same content.
    assert!(
        tokio::time::timeout(Duration::from_secs(10), reloads.recv())
            .await
            .is_err()
    );
    drop(events_tx);
    watcher.await.unwrap();
}

#[tokio::test]
async fn changes_to_a_real_file_arrive_validated() {
    let dir = TempDir::new();
    let path = dir.0.join("mosaic.yaml");
    std::fs::write(&path, "cache: {max_entries: 1}\n").unwrap();
    let (_watcher, mut reloads) = ConfigWatcher::spawn_with(
        &path,
        mosaic_providers::builtin_set(),
        no_env(),
        Duration::from_millis(50),
    )
    .unwrap();
    // Generous: waits on the channel, never asserts on how long it took.
    let next = async |reloads: &mut mpsc::Receiver<Reload>| {
        tokio::time::timeout(Duration::from_secs(10), reloads.recv())
            .await
            .expect("a reload within 10 s")
            .expect("the watcher is running")
    };

    save(&path, "cache: {max_entries: 42}\n");
    let config = next(&mut reloads).await.unwrap();
    assert_eq!(config.cache.max_entries, 42);

    save(&path, "cache: {max_entries: 42}\nexecutor: {timeout: 10}\n");
    let errors = next(&mut reloads).await.unwrap_err();
    assert_eq!(errors.errors()[0].path, "executor.timeout");

    // Written in place: a reload may catch the file half-written, but the last one must
    // carry the finished content.
    std::fs::write(&path, "cache: {max_entries: 7}\n").unwrap();
    loop {
        if let Ok(config) = next(&mut reloads).await
            && config.cache.max_entries == 7
        {
            break;
        }
    }
}

#[test]
fn watching_needs_a_runtime_and_a_file_name() {
    assert!(matches!(
        ConfigWatcher::spawn("mosaic.yaml", mosaic_providers::builtin_set()),
        Err(WatchError::NoRuntime)
    ));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let _guard = runtime.enter();
    assert!(matches!(
        ConfigWatcher::spawn("/", mosaic_providers::builtin_set()),
        Err(WatchError::NotAFile(_))
    ));
}
