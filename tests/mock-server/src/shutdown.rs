//! When a server started from a terminal or by another process should stop:
//! on SIGINT or SIGTERM, or when the parent holding a pipe on stdin closes
//! it. Shared by the `orgkit-mock` binary and the `orgkit mock` command.

use std::future::Future;
use std::io::Read as _;
use std::time::Duration;

/// Resolves on SIGINT or SIGTERM (Ctrl-C where there are no Unix signals).
/// The handlers are installed when this is called, not when first polled,
/// so a signal that arrives right after the URL is printed is not fatal.
pub fn stop_signal() -> impl Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                _ => std::future::pending().await,
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// Only a pipe or socket on stdin means "a parent is holding it open for
/// us"; /dev/null or a terminal would otherwise end the server at once or
/// never, so those are not watched.
#[cfg(unix)]
fn stdin_is_pipe() -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata("/dev/stdin")
        .map(|m| m.file_type().is_fifo() || m.file_type().is_socket())
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn stdin_is_pipe() -> bool {
    false
}

/// Resolves when stdin, if it is a pipe or socket, reaches its end (the
/// parent closed it or exited); never otherwise.
pub async fn stdin_closed() {
    if !stdin_is_pipe() {
        return std::future::pending().await;
    }
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    // A plain thread, not spawn_blocking: the runtime must not wait for it at exit.
    let spawned = std::thread::Builder::new()
        .name("orgkit-mock-stdin".into())
        .spawn(move || {
            let mut sink = [0u8; 1024];
            let mut stdin = std::io::stdin();
            while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
            let _ = tx.send(());
        });
    match spawned {
        Ok(_) => {
            let _ = rx.await;
            // Let a last answer in flight go out.
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        Err(_) => std::future::pending().await,
    }
}
