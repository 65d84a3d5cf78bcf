//! Discogs XML dumps → CSV files. The binary (`src/main.rs`) is the command line; the modules are
//! public so tests, examples and benchmarks can drive each stage.

pub mod csvout;
pub mod errors;
pub mod filter;
pub mod identity;
pub mod input;
pub mod log;
pub mod output;
pub mod pipeline;
pub mod pipes;
pub mod release;
pub mod run;
pub mod side;
pub mod split;
pub mod scan;
