//! One conversion run: load the filter, find the dumps, stage the CSVs, process side dumps and
//! releases, publish the CSVs, and summarise (stderr log and Dagster Pipes metadata).

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Instant;

use anyhow::{anyhow, Result};

use crate::errors::InputError;
use crate::filter::{self, Filter};
use crate::input::{self, display, Kind};
use crate::output::Staging;
use crate::pipeline::{self, ReleaseStats, RunOpts};
use crate::pipes::{Meta, Pipes};
use crate::side::{self, SideStats};
use crate::info;

#[derive(Debug, Clone)]
pub struct Options {
    pub input: PathBuf,
    pub out_dir: PathBuf,
    pub library_artists: Option<PathBuf>,
    pub library_db: Option<PathBuf>,
    /// With `library_db`: more pairs (`filter::load_library_pairs`).
    pub library_pairs: Option<PathBuf>,
    /// With `library_db`: `Filter::title_similarity`.
    pub title_similarity: f64,
    pub keep_release_ids: Option<PathBuf>,
    pub compilation_titles: Option<PathBuf>,
    pub limit: Option<u64>,
    pub progress_interval: u64,
    pub xml_type: Option<Kind>,
    pub legacy: bool,
    pub threads: usize,
}

#[derive(Default)]
pub struct Summary {
    pub releases: Option<ReleaseStats>,
    pub sides: Vec<(Kind, SideStats)>,
    pub seconds: f64,
    pub out_dir: String,
}

fn join<T>(r: std::thread::Result<Result<T>>) -> Result<T> {
    r.map_err(|_| anyhow!("internal error: a worker thread panicked"))?
}

pub fn run(o: &Options) -> Result<Summary> {
    let res = run_inner(o);
    if res.is_err() {
        side::ABORT.store(true, Ordering::Relaxed);
    }
    res
}

fn run_inner(o: &Options) -> Result<Summary> {
    let t0 = Instant::now();
    let mut filter = Filter::default();
    if let Some(p) = &o.library_artists {
        let names = filter::load_library_artists(p)?;
        filter.joined_heads = filter::joined_heads(&names);
        filter.names = Some(names);
    }
    if let Some(p) = &o.library_db {
        let mut pairs = filter::load_library_db(p)?;
        if let Some(more) = &o.library_pairs {
            filter::load_library_pairs(more, &mut pairs)?;
        }
        filter.set_pairs(pairs, o.title_similarity);
    }
    if let Some(p) = &o.compilation_titles {
        filter.compilation_titles = Some(filter::load_compilation_titles(p)?);
    }
    if let Some(p) = &o.keep_release_ids {
        filter.keep_ids = filter::load_keep_ids(p)?;
    }

    let meta = std::fs::metadata(&o.input).map_err(|e| InputError::file(&display(&o.input), format!("cannot open: {e}")))?;
    let mut dumps: Vec<(Kind, PathBuf)> = Vec::new();
    let dir_mode = meta.is_dir();
    if dir_mode {
        dumps = input::list_dir(&o.input)?;
        for (k, p) in &dumps {
            info!("Found {} XML: {}", k.root(), p.display());
        }
        // A month without releases would publish nothing new, or the CSVs an earlier run left.
        if !dumps.iter().any(|(k, _)| *k == Kind::Releases) {
            return Err(InputError::file(
                &display(&o.input),
                "no releases dump: no *.xml or *.xml.gz file in this directory has the root element <releases>",
            )
            .into());
        }
    } else {
        let kind = match o.xml_type {
            Some(k) => k,
            None => match input::dump_kind(&o.input)? {
                (Some(k), _) => k,
                (None, root) => {
                    return Err(InputError::at(
                        &display(&o.input),
                        root.at,
                        format!("wrong root element <{}>, expected <releases>, <artists>, <labels> or <masters>", root.name),
                    )
                    .into())
                }
            },
        };
        dumps.push((kind, o.input.clone()));
    }
    let find = |k: Kind| dumps.iter().find(|(kk, _)| *kk == k).map(|(_, p)| p.clone());
    let (releases, artists, labels, masters) = (find(Kind::Releases), find(Kind::Artists), find(Kind::Labels), find(Kind::Masters));

    let st = Staging::new(&o.out_dir)?;
    let threads = o.threads.max(1);
    // Start inflating releases at once; side dumps run meanwhile.
    let reader = releases.as_deref().map(|p| pipeline::start_reader(p, o.limit, threads)).transpose()?;

    let mut summary = Summary { out_dir: display(&o.out_dir), ..Default::default() };
    // Aliases widen the artist filter by name and the pair filter by (name, title).
    let alias_library = match (dir_mode, &filter.names, &filter.pairs) {
        (false, _, _) => None,
        (true, Some(names), _) => Some(names.clone()),
        (true, None, Some(_)) => Some(filter.pair_artists.clone()),
        (true, None, None) => None,
    };
    let pair_aliases = filter.names.is_none() && filter.pairs.is_some();
    std::thread::scope(|s| -> Result<()> {
        let st = &st;
        let other = s.spawn(move || -> Result<Vec<(Kind, SideStats)>> {
            let mut v = Vec::new();
            if let Some(p) = &labels {
                v.push((Kind::Labels, side::labels(p, st)?));
            }
            if let Some(p) = &masters {
                v.push((Kind::Masters, side::masters(p, st)?));
            }
            Ok(v)
        });
        let first = (|| -> Result<()> {
            if let Some(p) = &artists {
                let lib = alias_library.as_ref();
                let (stats, aliases) = side::artists(p, st, lib, pair_aliases)?;
                filter.alias_ids = aliases.ids;
                filter.alias_keys = aliases.keys;
                summary.sides.push((Kind::Artists, stats));
            }
            if let Some(r) = reader {
                let opts = RunOpts { legacy: o.legacy, threads, progress_interval: o.progress_interval };
                summary.releases = Some(pipeline::run(r, &filter, st, &opts)?);
            }
            Ok(())
        })();
        if first.is_err() {
            side::ABORT.store(true, Ordering::Relaxed);
        }
        let rest = join(other.join());
        first?;
        summary.sides.extend(rest?);
        Ok(())
    })?;
    st.commit()?;
    summary.seconds = t0.elapsed().as_secs_f64();

    if let Some(r) = &summary.releases {
        let mut line = format!(
            "Complete: {} scanned, {} written, {} filtered, {} skipped (no artists)",
            r.scanned, r.written, r.filtered, r.skipped
        );
        if r.kept_by_list > 0 {
            line.push_str(&format!(", {} kept via --keep-release-ids allowlist", r.kept_by_list));
        }
        if r.duplicates > 0 {
            line.push_str(&format!(", {} duplicate ids skipped", r.duplicates));
        }
        info!("{line}");
        info!(
            "Read {:.1} MB of releases XML in {:.2} s ({:.1} MB/s)",
            r.bytes as f64 / 1e6,
            r.seconds,
            r.bytes as f64 / 1e6 / r.seconds.max(1e-9)
        );
    }
    Ok(summary)
}

fn release_metadata(r: &ReleaseStats) -> Vec<(String, Meta)> {
    let mut m: Vec<(String, Meta)> = Vec::new();
    for (name, n) in &r.rows {
        m.push((format!("rows_{name}"), Meta::Int(*n as i64)));
    }
    let secs = r.seconds.max(1e-9);
    let total_rows: u64 = r.rows.iter().map(|x| x.1).sum();
    m.extend([
        ("releases_scanned".to_string(), Meta::Int(r.scanned as i64)),
        ("releases_written".to_string(), Meta::Int(r.written as i64)),
        ("releases_filtered".to_string(), Meta::Int(r.filtered as i64)),
        ("releases_skipped_no_artists".to_string(), Meta::Int(r.skipped as i64)),
        ("releases_duplicate_ids".to_string(), Meta::Int(r.duplicates as i64)),
        ("releases_kept_via_keep_list".to_string(), Meta::Int(r.kept_by_list as i64)),
        ("xml_bytes".to_string(), Meta::Int(r.bytes as i64)),
        ("release_seconds".to_string(), Meta::Float(r.seconds)),
        ("mb_per_s".to_string(), Meta::Float(r.bytes as f64 / 1e6 / secs)),
        ("rows_per_s".to_string(), Meta::Float(total_rows as f64 / secs)),
    ]);
    m
}

fn side_metadata(k: Kind, s: &SideStats) -> Vec<(String, Meta)> {
    let mut m: Vec<(String, Meta)> = s.rows.iter().map(|(n, c)| (format!("rows_{n}"), Meta::Int(*c as i64))).collect();
    m.push((format!("{}_parsed", k.root()), Meta::Int(s.records as i64)));
    m
}

/// Report the run to Dagster: one materialization per asset key in scope.
pub fn report(p: &Pipes, s: &Summary) {
    let Some(keys) = p.asset_keys() else { return };
    let common = [
        ("seconds".to_string(), Meta::Float(s.seconds)),
        ("output_dir".to_string(), Meta::Text(s.out_dir.clone())),
    ];
    let mut full: Vec<(String, Meta)> = Vec::new();
    if let Some(r) = &s.releases {
        full.extend(release_metadata(r));
    }
    for (k, st) in &s.sides {
        full.extend(side_metadata(*k, st));
    }
    full.extend(common.iter().cloned());
    for key in keys {
        let last = key.rsplit('/').next().unwrap_or(key);
        let md = if keys.len() > 1 && last.contains("label") {
            let mut m: Vec<(String, Meta)> =
                s.sides.iter().filter(|(k, _)| *k == Kind::Labels).flat_map(|(k, st)| side_metadata(*k, st)).collect();
            m.extend(common.iter().cloned());
            m
        } else {
            full.clone()
        };
        p.report_materialization(key, &md);
    }
}
