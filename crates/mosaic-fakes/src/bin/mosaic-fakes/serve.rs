//! `mosaic-fakes serve`: every fake on one port, their base URLs and tokens printed on
//! standard output as `export` lines a shell can evaluate (and nothing else, so that
//! `> fakes.env` keeps exactly them), until Ctrl-C or SIGTERM.

use anyhow::Context as _;
use mosaic_fakes::all_fakes::AllFakes;
use mosaic_fakes::exports::export_lines;
use std::future::Future;
use std::io::{self, Write as _};
use std::net::SocketAddr;

pub async fn run(listen: SocketAddr) -> anyhow::Result<()> {
    // Installed before anything is printed: a script that reads the exports and then sends
    // SIGTERM must find it handled.
    let stop = stop_signal().context("cannot install the Ctrl-C and SIGTERM handlers")?;
    let fakes = AllFakes::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(export_lines(fakes.mounts()).as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot print the fakes' base URLs and tokens")?;
    drop(stdout);
    // For the person watching; standard output stays the exports alone.
    let _ = writeln!(
        io::stderr(),
        "mosaic-fakes: serving every fake on http://{} until Ctrl-C or SIGTERM",
        fakes.address()
    );
    fakes.serve(stop).await.context("serving the fakes")
}

/// Completes on Ctrl-C or SIGTERM.
#[cfg(unix)]
fn stop_signal() -> io::Result<impl Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => {},
            _ = interrupt.recv() => {},
        }
    })
}

/// Completes on Ctrl-C.
#[cfg(not(unix))]
fn stop_signal() -> io::Result<impl Future<Output = ()> + Send + 'static> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
