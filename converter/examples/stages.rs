//! Time each stage on one releases dump: `cargo run --release --example stages -- FILE.xml[.gz]`.
use std::io::Read;
use std::time::Instant;

use discogs_xml_converter::{filter::Filter, input, release::ReleaseParser, split::Splitter};
use quick_xml::events::Event;

fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("FILE"));
    let t = Instant::now();
    let mut r = input::open(&path).unwrap();
    let mut buf = vec![0u8; 4 << 20];
    let mut total = 0usize;
    loop {
        let n = r.read(&mut buf).unwrap();
        if n == 0 { break; }
        total += n;
    }
    let secs = t.elapsed().as_secs_f64();
    println!("inflate loop  {:.3}s {:.0} MB/s", secs, total as f64 / 1e6 / secs);
    let t = Instant::now();
    let mut sp = Splitter::new(input::open(&path).unwrap(), "x", "releases", "release", None, true);
    let mut recycled: Option<Vec<u8>> = None;
    let mut n = 0usize;
    while let Some(b) = sp.next_batch(recycled.take()).unwrap() {
        n += b.records.len();
        recycled = Some(b.data);
    }
    let secs = t.elapsed().as_secs_f64();
    println!("reader thread {:.3}s {:.0} MB/s ({n} records)", secs, total as f64 / 1e6 / secs);
    let t = Instant::now();
    let mut data = Vec::new();
    input::open(&path).unwrap().read_to_end(&mut data).unwrap();
    let secs = t.elapsed().as_secs_f64();
    let mb = data.len() as f64 / 1e6;
    println!("read+inflate  {:.3}s {:.0} MB/s", secs, mb / secs);

    let t = Instant::now();
    let mut sp = Splitter::new(&data[..], "x", "releases", "release", None, false);
    let mut recs: Vec<(usize, usize)> = Vec::new();
    let mut bufs = Vec::new();
    while let Some(b) = sp.next_batch(None).unwrap() {
        bufs.push(b);
    }
    for b in &bufs {
        for r in &b.records {
            recs.push((b.base as usize + r.0, b.base as usize + r.1));
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!("split         {:.3}s {:.0} MB/s ({} records)", secs, mb / secs, recs.len());

    let t = Instant::now();
    for &(s, e) in &recs {
        std::str::from_utf8(&data[s..e]).unwrap();
    }
    let secs = t.elapsed().as_secs_f64();
    println!("utf8          {:.3}s {:.0} MB/s", secs, mb / secs);

    let t = Instant::now();
    let mut n = 0u64;
    for &(s, e) in &recs {
        let mut r = quick_xml::Reader::from_reader(&data[s..e]);
        loop {
            match r.read_event().unwrap() {
                Event::Eof => break,
                _ => n += 1,
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!("qxml events   {:.3}s {:.0} MB/s ({n} events)", secs, mb / secs);

    if std::env::var("ONLY_SCAN").is_ok() {
        let mut sc = discogs_xml_converter::scan::Scan::new();
        let t = Instant::now();
        for _ in 0..5 {
            for &(s, e) in &recs {
                sc.run(&data[s..e]).unwrap();
            }
        }
        let secs = t.elapsed().as_secs_f64() / 5.0;
        println!("scan          {:.3}s {:.0} MB/s", secs, mb / secs);
        return;
    }
    let t = Instant::now();
    let mut sc = discogs_xml_converter::scan::Scan::new();
    for &(s, e) in &recs {
        sc.run(&data[s..e]).unwrap();
    }
    let secs = t.elapsed().as_secs_f64();
    println!("scan          {:.3}s {:.0} MB/s", secs, mb / secs);

    let t = Instant::now();
    let mut p = ReleaseParser::new();
    let f = Filter::default();
    for &(s, e) in &recs {
        p.parse(&data[s..e]).unwrap();
        p.decide(&f);
    }
    let secs = t.elapsed().as_secs_f64();
    println!("full parse    {:.3}s {:.0} MB/s", secs, mb / secs);
}
