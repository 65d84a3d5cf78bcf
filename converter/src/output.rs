//! All-or-nothing output: CSVs are written into a sibling staging directory
//! (`<DIR>.tmp-<pid>`, next to the output directory) and renamed into the output directory only
//! when the whole run succeeded. On failure the staging directory is removed and the output
//! directory is left as it was, so a reader of `<DIR>/*.csv` never sees a partial file.

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
        if tmp.exists() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
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
