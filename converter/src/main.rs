//! discogs-xml-converter: Discogs XML dumps → CSV files in the reference converter's layout.

use discogs_xml_converter::{errors, input, log, pipes, run};

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};

use input::Kind;
use run::Options;

const ABOUT: &str = "Convert Discogs XML data dumps (releases, artists, labels, masters; .xml or .xml.gz) into CSV files";

const AFTER: &str = "\
The legacy flat form is accepted too:
  discogs-xml-converter INPUT --output-dir DIR [--library-artists FILE] [--limit N] [--progress-interval N]

INPUT is a dump or a directory of dumps (*.xml, *.xml.gz; gzip is detected by content, all members
are read); each file's root element says what it is, and must agree with a kind its name names
(releases, artists, labels, masters, as in discogs_20260801_releases.xml.gz). A directory must hold
a releases dump. In a directory, artists are read before the releases, and an artist whose alias or
name variation is a library name makes its credits match (with --library-db: for that name's titles).
A library name for all of a release's main artists, joined as Discogs joins them (\"Lou Reed & John
Cale\"), matches too.
Names are compared by an identity key (accents, case, letters that do not decompose, a leading or
filed article, \"&\"/\"and\", Discogs' \"(n)\", punctuation), titles by the same key with trailing
edition and format suffixes (\"(Remastered)\", \"[Bonus Tracks]\", 12\") dropped.

CSVs are written to a staging directory next to the output directory (DIR.tmp-PID) and moved into
it only when the whole run succeeded; one left by a killed run is removed by the next. Bad input
(truncated or corrupt gzip, malformed XML, also in a single release, a release id that is missing
or not a number from 1 to 2147483647, wrong root element, a document type declaration or entity
definition, invalid UTF-8, empty file) fails the run with one line on stderr,
`error: FILE: byte N: what` (N counts uncompressed bytes), and exit status 1.
Under Dagster Pipes (DAGSTER_PIPES_CONTEXT / DAGSTER_PIPES_MESSAGES set) info lines are also sent as
Pipes log messages (progress lines: the first, then at most one per 10 s; stderr keeps all) and the
run ends with report_asset_materialization (row counts, throughput).";

const COMPILATION_HELP: &str = "Also keep a release whose main artists are all compilation credits \
(normalized name's first word is various, v/a, v.a. or va, e.g. \"Various Artists\") when its title's \
key is listed in FILE (one title or title key per line)";

#[derive(Clone, Copy, Debug, ValueEnum)]
enum XmlType {
    Releases,
    Artists,
    Labels,
    Masters,
}

impl From<XmlType> for Kind {
    fn from(x: XmlType) -> Kind {
        match x {
            XmlType::Releases => Kind::Releases,
            XmlType::Artists => Kind::Artists,
            XmlType::Labels => Kind::Labels,
            XmlType::Masters => Kind::Masters,
        }
    }
}

/// Options shared by both command-line shapes.
#[derive(Args, Debug)]
struct Extra {
    /// Artist allowlist: one name per line; a release is kept when any release-level credit matches
    /// (accents, case, a leading or filed article, "&"/"and", Discogs' "(n)" and punctuation aside:
    /// "Clean, The" keeps "The Clean", "Cluster" keeps "Cluster (2)")
    #[arg(long, value_name = "FILE")]
    library_artists: Option<PathBuf>,
    #[arg(long, value_name = "FILE", help = COMPILATION_HELP)]
    compilation_titles: Option<PathBuf>,
    /// Stop after N releases (counted as found in the dump, before filtering)
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
    /// Log progress every N scanned releases (0 = never)
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    progress_interval: u64,
    /// Write the six v1 release CSVs with their original headers (no genre/style/company/video
    /// files, no appended columns)
    #[arg(long)]
    legacy_columns: bool,
    /// Parser threads (default: number of CPUs); output is identical for any value
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

#[derive(Parser, Debug)]
#[command(name = "discogs-xml-converter", version, about = ABOUT, after_help = AFTER)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand, Debug)]
enum Cmd {
    /// Convert dumps into CSV files
    Build(Box<BuildArgs>),
    /// Not supported: stream into PostgreSQL (use `build`, then load the CSVs)
    Import(ImportArgs),
    /// The identity key of each line of standard input, one per line (checks the Python side
    /// computes the same keys)
    #[command(hide = true)]
    IdentityKeys,
    /// The title key of each line of standard input, one per line (as identity-keys, for titles)
    #[command(hide = true)]
    TitleKeys,
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// A dump (.xml / .xml.gz) or a directory of dumps
    input: PathBuf,
    /// Output directory
    #[arg(long, value_name = "DIR", default_value = "./data")]
    data_dir: PathBuf,
    /// Deprecated alias of --data-dir
    #[arg(long, value_name = "DIR", hide = true)]
    output_dir: Option<PathBuf>,
    /// SQLite file with a library(artist, title[, alternate_artist_name]) table: keep releases matching
    /// an (artist, title) pair by identity and title key, main or extra credit, also through aliases
    #[arg(long, value_name = "FILE", conflicts_with = "library_artists")]
    library_db: Option<PathBuf>,
    /// With --library-db: more (artist, title) pairs from a CSV file whose header names artist_name
    /// and release_title columns (rows without a title are skipped)
    #[arg(long, value_name = "FILE", requires = "library_db")]
    library_pairs: Option<PathBuf>,
    /// With --library-db: a release credited to a library artist also matches one of that artist's
    /// titles spelt another way (a typo, another word order) when the Indel similarity of the two
    /// title keys, words sorted, is at least S (the library match's review threshold; 1: the same
    /// words only)
    #[arg(long, value_name = "S", default_value_t = 0.65, value_parser = similarity)]
    pair_title_similarity: f64,
    /// Release ids (one per line) written in full even when they fail the filter
    #[arg(long, value_name = "FILE")]
    keep_release_ids: Option<PathBuf>,
    /// Skip root-element sniffing of a single-file INPUT (needed for FIFOs)
    #[arg(long, value_enum, value_name = "TYPE")]
    xml_type: Option<XmlType>,
    /// Accepted for compatibility; the converter is single-pass
    #[arg(long, value_name = "F", default_value = "./state.json")]
    state_file: PathBuf,
    /// Accepted for compatibility; the converter is single-pass
    #[arg(long)]
    resume: bool,
    #[command(flatten)]
    extra: Extra,
}

#[derive(Args, Debug)]
struct ImportArgs {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

/// Legacy flat form (v1/v2).
#[derive(Parser, Debug)]
#[command(name = "discogs-xml-converter", version, about = ABOUT, after_help = AFTER)]
struct FlatCli {
    /// A releases dump (.xml / .xml.gz) or a directory of dumps
    input: PathBuf,
    /// Output directory (created if missing)
    #[arg(long, value_name = "DIR", required = true)]
    output_dir: PathBuf,
    /// Not supported (PostgreSQL sink)
    #[arg(long, value_name = "URL", hide = true)]
    database_url: Option<String>,
    /// Not supported (PostgreSQL sink)
    #[arg(long, value_name = "N", hide = true)]
    batch_size: Option<u64>,
    #[command(flatten)]
    extra: Extra,
}

const NO_DB: &str = "writing into PostgreSQL (import / --database-url) is not supported by this converter; \
run `discogs-xml-converter build` and load the CSVs";

fn options(input: PathBuf, out_dir: PathBuf, e: Extra) -> Options {
    let threads = e.threads.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2));
    Options {
        input,
        out_dir,
        library_artists: e.library_artists,
        library_db: None,
        library_pairs: None,
        title_similarity: 1.0,
        keep_release_ids: None,
        compilation_titles: e.compilation_titles,
        limit: e.limit,
        progress_interval: e.progress_interval,
        xml_type: None,
        legacy: e.legacy_columns,
        threads,
    }
}

fn similarity(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}

/// Lines are split at "\n" only, so a name may hold any other character. `title` picks the title
/// key over the name key.
fn identity_keys(title: bool) -> ExitCode {
    use std::io::{BufRead, Write};
    let mut keys = discogs_xml_converter::identity::Keys::default();
    let cmd = if title { "title-keys" } else { "identity-keys" };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in std::io::stdin().lock().split(b'\n') {
        let line = match line.map(String::from_utf8) {
            Ok(Ok(l)) => l,
            Ok(Err(_)) => return usage_error(&format!("{cmd}: standard input is not UTF-8")),
            Err(e) => return usage_error(&format!("{cmd}: cannot read standard input: {e}")),
        };
        let key = if title { keys.title(&line) } else { keys.key(&line) };
        if writeln!(out, "{key}").is_err() {
            return ExitCode::from(1);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    // A bug must still end as one line and status 1, like any other failure.
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string().replace('\n', " ");
        eprintln!("error: internal error: {msg}");
        std::process::exit(1);
    }));
    let argv: Vec<String> = std::env::args().collect();
    let first = argv.get(1).map(String::as_str).unwrap_or("");
    let v3 = matches!(first, "build" | "import" | "identity-keys" | "title-keys" | "help" | "") || first.starts_with('-');
    let opts = if v3 {
        let cli = Cli::parse();
        match cli.cmd {
            Cmd::Import(_) => return usage_error(NO_DB),
            Cmd::IdentityKeys => return identity_keys(false),
            Cmd::TitleKeys => return identity_keys(true),
            Cmd::Build(b) => {
                let b = *b;
                let out = match b.output_dir {
                    Some(d) => {
                        eprintln!("warning: --output-dir is deprecated; use --data-dir (this alias will be removed in the next release)");
                        d
                    }
                    None => b.data_dir,
                };
                let mut o = options(b.input, out, b.extra);
                o.library_db = b.library_db;
                o.library_pairs = b.library_pairs;
                o.title_similarity = b.pair_title_similarity;
                o.keep_release_ids = b.keep_release_ids;
                o.xml_type = b.xml_type.map(Kind::from);
                let _ = (b.state_file, b.resume);
                if b.resume {
                    eprintln!("note: --resume has no effect: the converter is single-pass");
                }
                o
            }
        }
    } else {
        let f = FlatCli::parse();
        if f.database_url.is_some() || f.batch_size.is_some() {
            return usage_error(NO_DB);
        }
        options(f.input, f.output_dir, f.extra)
    };

    let pipes = match pipes::Pipes::from_env() {
        Ok(p) => p.map(Arc::new),
        Err(e) => {
            eprintln!("error: {}", errors::one_line(&e));
            return ExitCode::from(1);
        }
    };
    log::init(pipes.clone());
    match run::run(&opts) {
        Ok(summary) => {
            if let Some(p) = &pipes {
                run::report(p, &summary);
                p.close(None);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let line = errors::one_line(&e);
            eprintln!("error: {line}");
            if let Some(p) = &pipes {
                p.close(Some(&line));
            }
            ExitCode::from(1)
        }
    }
}
