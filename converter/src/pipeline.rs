//! The releases pipeline: one reader thread (inflate + split into record batches), N parser
//! threads (parse, filter, serialize CSV bytes per batch), and the ordered writer on the calling
//! thread. In-flight batches are bounded by a token window, so memory does not grow with the
//! dump; output bytes do not depend on the thread count.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

use anyhow::Result;
use crossbeam_channel::{bounded, Receiver, Sender};
use rustc_hash::FxHashSet;

use crate::errors::InputError;
use crate::filter::{Filter, Scratch};
use crate::input::{self, display};
use crate::output::{CsvFile, Staging};
use crate::release::{headers, Outcome, ReleaseParser, NFILES};
use crate::scan::Scan;
use crate::split::{Batch, Splitter};
use crate::{info, progress, warn};

type Work = (u64, Result<Batch, InputError>);

/// Handle on a started reader thread.
pub struct Reader {
    pub file: String,
    rx: Option<Receiver<Work>>,
    tokens: Option<Sender<()>>,
    recycle_tx: Sender<Vec<u8>>,
    handle: Option<JoinHandle<()>>,
    window: usize,
    /// Uncompressed bytes consumed, set when the reader finishes.
    read_bytes: Arc<AtomicU64>,
}

/// Start inflating and splitting `path` right away (the window bounds how far it reads ahead).
pub fn start_reader(path: &Path, limit: Option<u64>, threads: usize) -> Result<Reader> {
    let window = threads * 2 + 2;
    let (tx, rx) = bounded::<Work>(window);
    let (tok_tx, tok_rx) = bounded::<()>(window);
    for _ in 0..window {
        let _ = tok_tx.send(());
    }
    let (recycle_tx, recycle_rx) = bounded::<Vec<u8>>(window);
    let file = display(path);
    let path: PathBuf = path.to_path_buf();
    let name = file.clone();
    let read_bytes = Arc::new(AtomicU64::new(0));
    let read_bytes_w = read_bytes.clone();
    let handle = std::thread::Builder::new()
        .name("reader".into())
        .spawn(move || {
            info!("Starting release scanner: {}", name);
            let (src, gz) = match input::open_detect(&path) {
                Ok(s) => s,
                Err(e) => {
                    let _ = tx.send((0, Err(e)));
                    return;
                }
            };
            let mut sp = Splitter::new(src, &name, "releases", "release", limit, gz);
            let mut seq = 0u64;
            loop {
                if tok_rx.recv().is_err() {
                    return;
                }
                match sp.next_batch(recycle_rx.try_recv().ok()) {
                    Ok(Some(b)) => {
                        seq = b.seq + 1;
                        if tx.send((b.seq, Ok(b))).is_err() {
                            return;
                        }
                    }
                    Ok(None) => {
                        read_bytes_w.store(sp.position(), Ordering::Relaxed);
                        if limit.is_some_and(|l| sp.count() >= l) {
                            info!("Reached limit of {} releases", sp.count());
                        }
                        return;
                    }
                    Err(e) => {
                        let _ = tx.send((seq, Err(e)));
                        return;
                    }
                }
            }
        })
        .map_err(|e| anyhow::anyhow!("cannot start the reader thread: {e}"))?;
    Ok(Reader { file, rx: Some(rx), tokens: Some(tok_tx), recycle_tx, handle: Some(handle), window, read_bytes })
}

impl Drop for Reader {
    fn drop(&mut self) {
        // Unblock the reader (it may wait on a token or a full channel) before joining it.
        self.rx = None;
        self.tokens = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

#[derive(Default, Debug, Clone)]
pub struct ReleaseStats {
    pub scanned: u64,
    pub written: u64,
    pub filtered: u64,
    pub skipped: u64,
    pub duplicates: u64,
    pub kept_by_list: u64,
    pub rows: Vec<(String, u64)>,
    pub bytes: u64,
    pub seconds: f64,
}

struct Meta {
    id: u64,
    ends: [usize; NFILES],
    rows: [u32; NFILES],
    by_list: bool,
}

struct Out {
    bufs: Vec<Vec<u8>>,
    metas: Vec<Meta>,
    scanned: u64,
    filtered: u64,
    skipped: u64,
    consumed: u64,
}

/// Per-worker state.
pub struct Worker {
    parser: ReleaseParser,
    scan: Scan,
    scratch: Scratch,
}

impl Worker {
    pub fn new() -> Self {
        Worker { parser: ReleaseParser::new(), scan: Scan::new(), scratch: Scratch::default() }
    }
}

impl Default for Worker {
    fn default() -> Self {
        Self::new()
    }
}

fn process(batch: &Batch, file: &str, w: &mut Worker, filter: &Filter, legacy: bool) -> Result<Out, InputError> {
    let p = &mut w.parser;
    let prefilter = filter.active();
    let nfiles = headers(legacy).len();
    let size: usize = batch.records.last().map(|r| r.1).unwrap_or(0) - batch.records.first().map(|r| r.0).unwrap_or(0);
    let mut bufs: Vec<Vec<u8>> = (0..NFILES).map(|i| if i < nfiles { Vec::with_capacity(size / 8) } else { Vec::new() }).collect();
    let mut out = Out { bufs: Vec::new(), metas: Vec::new(), scanned: 0, filtered: 0, skipped: 0, consumed: batch.consumed };
    for &(s, e) in &batch.records {
        let rec = &batch.data[s..e];
        let at = batch.base + s as u64;
        out.scanned += 1;
        if let Err(u) = std::str::from_utf8(rec) {
            return Err(InputError::at(file, at + u.valid_up_to() as u64, "invalid UTF-8"));
        }
        if prefilter {
            if let Err(se) = w.scan.run(rec) {
                return Err(InputError::at(file, at + se.offset as u64, format!("release at byte {at}: {}", se.msg)));
            }
            let id = w.scan.release_id(rec).map_err(|msg| InputError::at(file, at, msg))?;
            if filter.rejects(&w.scan, id, rec, &mut w.scratch) {
                out.filtered += 1;
                continue;
            }
        }
        if let Err(pe) = p.parse(rec) {
            return Err(match pe.offset {
                0 => InputError::at(file, at, pe.msg),
                o => InputError::at(file, at + o, format!("release at byte {at}: {}", pe.msg)),
            });
        }
        match p.decide(filter) {
            Outcome::NoArtists => out.skipped += 1,
            Outcome::Filtered => out.filtered += 1,
            o @ (Outcome::Kept | Outcome::KeptByList) => {
                let mut rows = [0u32; NFILES];
                p.write(&mut bufs, &mut rows, legacy);
                let mut ends = [0usize; NFILES];
                for (i, b) in bufs.iter().enumerate() {
                    ends[i] = b.len();
                }
                out.metas.push(Meta { id: p.id, ends, rows, by_list: o == Outcome::KeptByList });
            }
        }
    }
    out.bufs = bufs;
    Ok(out)
}

/// Release ids already written: a bitmap for ordinary ids, a set beyond it.
struct SeenIds {
    bits: Vec<u64>,
    big: FxHashSet<u64>,
}

const BITMAP_MAX: u64 = 1 << 30;

impl SeenIds {
    /// True when `id` was new.
    fn insert(&mut self, id: u64) -> bool {
        if id >= BITMAP_MAX {
            return self.big.insert(id);
        }
        let (w, b) = ((id / 64) as usize, id % 64);
        if w >= self.bits.len() {
            self.bits.resize((w + 1).next_power_of_two(), 0);
        }
        let was = self.bits[w] & (1 << b) != 0;
        self.bits[w] |= 1 << b;
        !was
    }
}

pub struct RunOpts {
    pub legacy: bool,
    pub threads: usize,
    pub progress_interval: u64,
}

/// Consume the reader's batches: parse in parallel, write in order into the staged CSVs.
pub fn run(mut reader: Reader, filter: &Filter, st: &Staging, opts: &RunOpts) -> Result<ReleaseStats> {
    let (Some(work_rx), Some(tokens)) = (reader.rx.take(), reader.tokens.take()) else {
        anyhow::bail!("internal: release reader already consumed");
    };
    let abort = AtomicBool::new(false);
    let t0 = Instant::now();
    info!("Processing releases XML: {}", reader.file);
    let hs = headers(opts.legacy);
    let mut files: Vec<CsvFile> = Vec::with_capacity(hs.len());
    for (name, cols) in &hs {
        files.push(st.create(name, cols)?);
    }
    let (res_tx, res_rx) = bounded::<(u64, Result<Out, InputError>)>(reader.window);
    let mut stats = ReleaseStats::default();
    let mut counts = [0u64; NFILES];
    let result: Result<()> = std::thread::scope(|scope| {
        for n in 0..opts.threads.max(1) {
            let rx = work_rx.clone();
            let abort = &abort;
            let tx = res_tx.clone();
            let recycle = reader.recycle_tx.clone();
            let file = reader.file.clone();
            let legacy = opts.legacy;
            let builder = std::thread::Builder::new().name(format!("parse-{n}"));
            let spawned = builder.spawn_scoped(scope, move || {
                let mut w = Worker::new();
                while let Ok((seq, work)) = rx.recv() {
                    if abort.load(Ordering::Relaxed) {
                        continue;
                    }
                    let res = work.and_then(|b| {
                        let r = process(&b, &file, &mut w, filter, legacy);
                        let _ = recycle.try_send(b.data);
                        r
                    });
                    if tx.send((seq, res)).is_err() {
                        return;
                    }
                }
            });
            if let Err(e) = spawned {
                return Err(anyhow::anyhow!("cannot start a parser thread: {e}"));
            }
        }
        drop(res_tx);
        drop(work_rx);
        let mut pending: BTreeMap<u64, Result<Out, InputError>> = BTreeMap::new();
        let mut next = 0u64;
        let mut seen = SeenIds { bits: Vec::new(), big: FxHashSet::default() };
        let mut last_report = 0u64;
        let interval = opts.progress_interval;
        let outcome = (|| -> Result<()> {
            while let Ok((seq, res)) = res_rx.recv() {
                pending.insert(seq, res);
                while let Some(res) = pending.remove(&next) {
                    next += 1;
                    let out = res?;
                    write_out(&out, &mut files, &mut seen, &mut stats, &mut counts)?;
                    stats.scanned += out.scanned;
                    stats.filtered += out.filtered;
                    stats.skipped += out.skipped;
                    stats.bytes = out.consumed;
                    let _ = tokens.try_send(());
                    if interval > 0 && stats.scanned / interval > last_report {
                        for k in (last_report + 1)..=(stats.scanned / interval) {
                            let secs = t0.elapsed().as_secs_f64().max(1e-9);
                            progress!(
                                "Scanned {} releases... ({} written, {:.0} MB of XML, {:.1} MB/s, {:.0} releases/s)",
                                k * interval,
                                stats.written,
                                stats.bytes as f64 / 1e6,
                                stats.bytes as f64 / 1e6 / secs,
                                stats.scanned as f64 / secs
                            );
                        }
                        last_report = stats.scanned / interval;
                    }
                }
            }
            Ok(())
        })();
        // On error, stop the reader and workers before leaving the scope.
        abort.store(true, Ordering::Relaxed);
        drop(tokens);
        drop(res_rx);
        outcome
    });
    let read_bytes = reader.read_bytes.clone();
    drop(reader);
    result?;
    stats.bytes = stats.bytes.max(read_bytes.load(Ordering::Relaxed));
    for (i, f) in files.into_iter().enumerate() {
        let name = f.name.trim_end_matches(".csv").to_string();
        f.finish()?;
        stats.rows.push((name, counts[i]));
    }
    stats.seconds = t0.elapsed().as_secs_f64();
    Ok(stats)
}

fn write_out(out: &Out, files: &mut [CsvFile], seen: &mut SeenIds, stats: &mut ReleaseStats, counts: &mut [u64; NFILES]) -> Result<()> {
    let n = files.len();
    let mut run_start = [0usize; NFILES];
    let mut prev_end = [0usize; NFILES];
    for m in &out.metas {
        if seen.insert(m.id) {
            stats.written += 1;
            stats.kept_by_list += m.by_list as u64;
            for (c, r) in counts.iter_mut().zip(m.rows.iter()).take(n) {
                *c += *r as u64;
            }
        } else {
            warn!("Skipping duplicate release id={}", m.id);
            stats.duplicates += 1;
            for (i, f) in files.iter_mut().enumerate() {
                f.write_bytes(&out.bufs[i][run_start[i]..prev_end[i]])?;
            }
            run_start = m.ends;
        }
        prev_end = m.ends;
    }
    for (i, f) in files.iter_mut().enumerate() {
        f.write_bytes(&out.bufs[i][run_start[i]..prev_end[i]])?;
    }
    Ok(())
}
