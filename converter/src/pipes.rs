//! Dagster Pipes (protocol "0.1"), external-process side, for a subprocess launched by
//! `PipesSubprocessClient`. Parameters arrive in `DAGSTER_PIPES_CONTEXT` and
//! `DAGSTER_PIPES_MESSAGES` as base64 of zlib-compressed JSON. Messages are JSON lines
//! `{"__dagster_pipes_version": "0.1", "method": ..., "params": ...}` written to the file
//! (`path`) or standard stream (`stdio` / `buffered_stdio`) the messages parameter names.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::sync::Mutex;

use anyhow::{anyhow, bail, Context, Result};
use base64::Engine;
use serde_json::{json, Map, Value};

use crate::log::Level;

pub const CONTEXT_ENV: &str = "DAGSTER_PIPES_CONTEXT";
pub const MESSAGES_ENV: &str = "DAGSTER_PIPES_MESSAGES";

enum Sink {
    File(File),
    Stdout,
    Stderr,
}

pub struct Pipes {
    sink: Mutex<Sink>,
    asset_keys: Option<Vec<String>>,
}

/// A metadata value with an explicit Pipes type.
#[derive(Clone, Debug)]
pub enum Meta {
    Int(i64),
    Float(f64),
    Text(String),
}

pub fn decode_param(raw: &str) -> Result<Value> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(raw.trim())
        .context("not base64")?;
    let mut json = String::new();
    flate2::read::ZlibDecoder::new(&bytes[..])
        .read_to_string(&mut json)
        .context("not zlib-compressed UTF-8")?;
    serde_json::from_str(&json).context("not JSON")
}

impl Pipes {
    /// `None` outside Pipes (no `DAGSTER_PIPES_CONTEXT`).
    pub fn from_env() -> Result<Option<Pipes>> {
        let Ok(ctx_raw) = std::env::var(CONTEXT_ENV) else { return Ok(None) };
        let msg_raw = std::env::var(MESSAGES_ENV)
            .map_err(|_| anyhow!("{CONTEXT_ENV} is set but {MESSAGES_ENV} is not"))?;
        let ctx_params = decode_param(&ctx_raw).context(format!("dagster pipes: {CONTEXT_ENV}"))?;
        let msg_params = decode_param(&msg_raw).context(format!("dagster pipes: {MESSAGES_ENV}"))?;
        let data: Value = if let Some(p) = ctx_params.get("path").and_then(Value::as_str) {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("dagster pipes: cannot read context file {p}"))?;
            serde_json::from_str(&text).context("dagster pipes: context file is not JSON")?
        } else if let Some(d) = ctx_params.get("data") {
            d.clone()
        } else {
            bail!("dagster pipes: context parameters have neither \"path\" nor \"data\"");
        };
        let asset_keys = data.get("asset_keys").and_then(Value::as_array).map(|a| {
            a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect::<Vec<_>>()
        });
        let sink = if let Some(p) = msg_params.get("path").and_then(Value::as_str) {
            Sink::File(
                OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)
                    .with_context(|| format!("dagster pipes: cannot open messages file {p}"))?,
            )
        } else {
            let stream = msg_params
                .get("stdio")
                .or_else(|| msg_params.get("buffered_stdio"))
                .and_then(Value::as_str);
            match stream {
                Some("stdout") => Sink::Stdout,
                Some("stderr") => Sink::Stderr,
                _ => bail!("dagster pipes: unsupported messages parameters {msg_params}"),
            }
        };
        let pipes = Pipes { sink: Mutex::new(sink), asset_keys };
        pipes.send("opened", json!({"extras": {}}));
        Ok(Some(pipes))
    }

    fn send(&self, method: &str, params: Value) {
        let msg = json!({"__dagster_pipes_version": "0.1", "method": method, "params": params});
        let mut line = msg.to_string();
        line.push('\n');
        if let Ok(mut sink) = self.sink.lock() {
            let _ = match &mut *sink {
                Sink::File(f) => f.write_all(line.as_bytes()).and_then(|_| f.flush()),
                Sink::Stdout => std::io::stdout().lock().write_all(line.as_bytes()),
                Sink::Stderr => std::io::stderr().lock().write_all(line.as_bytes()),
            };
        }
    }

    pub fn log(&self, level: Level, msg: &str) {
        let level = match level {
            Level::Error => "ERROR",
            Level::Warn => "WARNING",
            Level::Info => "INFO",
            Level::Debug => "DEBUG",
        };
        self.send("log", json!({"message": msg, "level": level}));
    }

    /// Asset keys in scope (`None` when the step does not target assets).
    pub fn asset_keys(&self) -> Option<&[String]> {
        self.asset_keys.as_deref()
    }

    pub fn report_materialization(&self, asset_key: &str, metadata: &[(String, Meta)]) {
        let mut m = Map::new();
        for (k, v) in metadata {
            let (raw, ty) = match v {
                Meta::Int(i) => (json!(i), "int"),
                Meta::Float(f) => (json!(f), "float"),
                Meta::Text(s) => (json!(s), "text"),
            };
            m.insert(k.clone(), json!({"raw_value": raw, "type": ty}));
        }
        self.send(
            "report_asset_materialization",
            json!({"asset_key": asset_key, "data_version": null, "metadata": m}),
        );
    }

    pub fn close(&self, error: Option<&str>) {
        let params = match error {
            None => json!({}),
            Some(e) => json!({"exception": {
                "message": e, "stack": [], "name": "ConverterError", "cause": null, "context": null
            }}),
        };
        self.send("closed", params);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_python_encoded_param() {
        let json = r#"{"path": "/tmp/x"}"#;
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(json.as_bytes()).unwrap();
        let b64 = base64::engine::general_purpose::STANDARD.encode(enc.finish().unwrap());
        assert_eq!(decode_param(&b64).unwrap()["path"], "/tmp/x");
    }
}
