//! All-or-nothing output: CSVs are written into a sibling staging directory
//! (`<DIR>.tmp-<pid>`, next to the output directory) and renamed into the output directory only
//! when the whole run succeeded. On failure the staging directory is removed and the output
//! directory is left as it was, so a reader of `<DIR>/*.csv` never sees a partial file. A
//! staging directory left by a killed converter is removed by the next run.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

use crate::csvout;

pub const BUF: usize = 1 << 20;

pub struct Staging {
    final_dir: PathBuf,
    tmp: PathBuf,
    files: Mutex<Vec<String>>,
    committed: bool,
}

impl Staging {
    pub fn new(dir: &Path) -> Result<Staging> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create output directory {}", dir.display()))?;
        let abs = dir.canonicalize().with_context(|| format!("cannot resolve {}", dir.display()))?;
        let tmp = match (abs.parent(), abs.file_name()) {
            (Some(parent), Some(name)) => {
                parent.join(format!("{}.tmp-{}", name.to_string_lossy(), std::process::id()))
            }
            _ => abs.join(format!(".tmp-{}", std::process::id())),
        };
        remove_stale_staging(&tmp);
        std::fs::create_dir(&tmp).with_context(|| format!("cannot create staging directory {}", tmp.display()))?;
        Ok(Staging { final_dir: abs, tmp, files: Mutex::new(Vec::new()), committed: false })
    }

    /// Create `<name>.csv` in the staging directory with its header line.
    pub fn create(&self, name: &str, header: &[&str]) -> Result<CsvFile> {
        let file = format!("{name}.csv");
        let path = self.tmp.join(&file);
        let f = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
        self.files.lock().map_err(|_| anyhow::anyhow!("internal: staging lock"))?.push(file.clone());
        let mut w = BufWriter::with_capacity(BUF, f);
        let mut h = Vec::new();
        csvout::header(&mut h, header);
        w.write_all(&h).with_context(|| format!("cannot write {file}"))?;
        Ok(CsvFile { w, name: file, rows: 0, line: Vec::with_capacity(256) })
    }

    /// Move every staged file into the output directory.
    pub fn commit(mut self) -> Result<()> {
        let files = std::mem::take(&mut *self.files.lock().map_err(|_| anyhow::anyhow!("internal: staging lock"))?);
        for f in &files {
            let from = self.tmp.join(f);
            let to = self.final_dir.join(f);
            std::fs::rename(&from, &to).with_context(|| format!("cannot move {} to {}", from.display(), to.display()))?;
        }
        self.committed = true;
        let _ = std::fs::remove_dir_all(&self.tmp);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Remove staging directories of `tmp`'s output directory (`<DIR>.tmp-<pid>`) left by a
/// converter that was killed or crashed: their process is gone. One whose process still runs
/// is another conversion's, and stays. Where process ids cannot be checked (no `/proc`), only
/// our own process id's is removed.
fn remove_stale_staging(tmp: &Path) {
    let (Some(parent), Some(name)) = (tmp.parent(), tmp.file_name().and_then(|n| n.to_str())) else { return };
    let Some(prefix) = name.rfind(".tmp-").map(|i| &name[..i + 5]) else { return };
    let proc = Path::new("/proc/self").exists();
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for ent in entries.flatten() {
        let other = ent.file_name();
        let Some(pid) = other.to_str().and_then(|n| n.strip_prefix(prefix)) else { continue };
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let gone = if proc { !Path::new("/proc").join(pid).exists() } else { false };
        if gone || ent.path() == tmp {
            let _ = std::fs::remove_dir_all(ent.path());
        }
    }
}

/// One CSV being written: whole rows are appended through `line`.
pub struct CsvFile {
    w: BufWriter<File>,
    pub name: String,
    pub rows: u64,
    pub line: Vec<u8>,
}

impl CsvFile {
    pub fn write_bytes(&mut self, b: &[u8]) -> Result<()> {
        self.w.write_all(b).with_context(|| format!("cannot write {}", self.name))
    }

    /// Write the row accumulated in `line` and clear it.
    pub fn flush_line(&mut self) -> Result<()> {
        self.w.write_all(&self.line).with_context(|| format!("cannot write {}", self.name))?;
        self.line.clear();
        self.rows += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<u64> {
        self.w.flush().with_context(|| format!("cannot write {}", self.name))?;
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_staging_of_dead_processes_is_removed() {
        let d = std::env::temp_dir().join(format!("staging-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        let out = d.join("20260801");
        // A dead process's (pid beyond pid_max), a live one's (ours is reused: pick pid 1), unrelated.
        let dead = d.join("20260801.tmp-99999999");
        let live = d.join("20260801.tmp-1");
        let other = d.join("20260701.tmp-99999999");
        for p in [&dead, &live, &other, &d.join("20260801.tmp-x")] {
            std::fs::create_dir_all(p).unwrap();
            std::fs::write(p.join("release.csv"), "id\n").unwrap();
        }
        let st = Staging::new(&out).unwrap();
        assert!(!dead.exists() && live.exists() && other.exists() && d.join("20260801.tmp-x").exists());
        drop(st);
        let _ = std::fs::remove_dir_all(&d);
    }
}
