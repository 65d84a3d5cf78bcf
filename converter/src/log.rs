//! Diagnostics on stderr in the reference's env_logger shape
//! (`[2025-01-01T00:00:00Z INFO  discogs_xml_converter] message`), mirrored to Dagster Pipes
//! as log messages when running under Pipes.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::pipes::Pipes;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Level {
    Error = 1,
    Warn = 2,
    Info = 3,
    Debug = 4,
}

impl Level {
    fn name(self) -> &'static str {
        match self {
            Level::Error => "ERROR",
            Level::Warn => "WARN",
            Level::Info => "INFO",
            Level::Debug => "DEBUG",
        }
    }
}

/// Progress lines reach Pipes at most this often; stderr (the step's captured output) keeps all
/// of them. Every Pipes log message becomes an event the orchestrator writes to its event log,
/// on the same cores the conversion runs on: a line per 100k releases cost the 6M-release
/// rehearsal ~130 such writes in the converter's own step.
const PIPES_PROGRESS_EVERY: Duration = Duration::from_secs(10);

struct Logger {
    max: Option<Level>,
    pipes: Option<Arc<Pipes>>,
    last_progress: Mutex<Option<Instant>>,
}

static LOGGER: OnceLock<Logger> = OnceLock::new();

/// Configure once: level from `RUST_LOG` (error|warn|info|debug|off; default info).
pub fn init(pipes: Option<Arc<Pipes>>) {
    let max = match std::env::var("RUST_LOG").unwrap_or_default().to_ascii_lowercase().as_str() {
        "off" => None,
        "error" => Some(Level::Error),
        "warn" => Some(Level::Warn),
        "debug" | "trace" => Some(Level::Debug),
        _ => Some(Level::Info),
    };
    let _ = LOGGER.set(Logger { max, pipes, last_progress: Mutex::new(None) });
}

pub fn log(level: Level, msg: &str) {
    emit(level, msg, false);
}

/// An info line that repeats as the work advances ("Scanned N releases..."): always on stderr,
/// to Pipes only the first and then one per [`PIPES_PROGRESS_EVERY`].
pub fn progress(msg: &str) {
    emit(Level::Info, msg, true);
}

fn emit(level: Level, msg: &str, progress: bool) {
    let Some(logger) = LOGGER.get() else {
        eprintln!("{msg}");
        return;
    };
    if logger.max.is_some_and(|m| level <= m) {
        let line = format!("[{} {:<5} discogs_xml_converter] {}\n", utc_now(), level.name(), msg);
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }
    let Some(p) = &logger.pipes else { return };
    if level > Level::Info || (progress && !due(&logger.last_progress, Instant::now())) {
        return;
    }
    p.log(level, msg);
}

/// Whether a progress line at `now` is due, given the last one forwarded (and if so, records it).
fn due(last: &Mutex<Option<Instant>>, now: Instant) -> bool {
    let Ok(mut last) = last.lock() else { return true };
    if last.is_some_and(|t| now.duration_since(t) < PIPES_PROGRESS_EVERY) {
        return false;
    }
    *last = Some(now);
    true
}

#[macro_export]
macro_rules! info {
    ($($t:tt)*) => { $crate::log::log($crate::log::Level::Info, &format!($($t)*)) };
}
#[macro_export]
macro_rules! progress {
    ($($t:tt)*) => { $crate::log::progress(&format!($($t)*)) };
}
#[macro_export]
macro_rules! warn {
    ($($t:tt)*) => { $crate::log::log($crate::log::Level::Warn, &format!($($t)*)) };
}

/// Current UTC time as RFC 3339 with seconds, without a date crate.
pub fn utc_now() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        y,
        m,
        d,
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_due_first_then_once_per_interval() {
        let last = Mutex::new(None);
        let t0 = Instant::now();
        assert!(due(&last, t0));
        assert!(!due(&last, t0 + Duration::from_secs(3)));
        assert!(!due(&last, t0 + PIPES_PROGRESS_EVERY - Duration::from_millis(1)));
        assert!(due(&last, t0 + PIPES_PROGRESS_EVERY));
        assert!(!due(&last, t0 + PIPES_PROGRESS_EVERY + Duration::from_secs(1)));
    }
}
