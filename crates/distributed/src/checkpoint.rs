//! Per-rank checkpoints: each rank writes its members' [`TrainState`] every N steps, under
//! a name that says which members of how many and at which step, atomically (a temporary
//! file, flushed to disk, renamed into place), and keeps the last two, so a run killed
//! while some ranks had written step S and others not can resume from the step before.

use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use arrayapi_ensemble::{EnsembleConfig, TrainData, TrainState};
use serde::{Deserialize, Serialize};

use crate::error::{DistributedError, Result};

/// The file format's version.
pub const FORMAT: u32 = 1;

/// What a checkpoint file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// [`FORMAT`].
    pub format: u32,
    /// [`fingerprint`] of the configuration and data it was trained on.
    pub fingerprint: String,
    /// The rank's members and training state.
    pub state: TrainState,
}

/// A hash (FNV-1a, 64 bits) of everything that decides the parameters: the configuration
/// (except `threads`, which does not) and the training data's bits.
pub fn fingerprint(config: &EnsembleConfig, data: &TrainData) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    let c = EnsembleConfig { threads: 1, ..config.clone() };
    eat(format!("{c:?}").as_bytes());
    let (x, y) = data.values();
    for v in x.iter().chain(y) {
        eat(&v.to_bits().to_le_bytes());
    }
    format!("{h:016x}")
}

fn stem(members: &Range<usize>, total: usize) -> String {
    format!("members-{}-{}-of-{total}", members.start, members.end)
}

/// The file of members `members` (of `total`) at `step`.
pub fn path(dir: &Path, members: &Range<usize>, total: usize, step: usize) -> PathBuf {
    dir.join(format!("{}.step-{step:012}.json", stem(members, total)))
}

/// The steps at which `dir` holds a checkpoint of these members, in increasing order.
pub fn steps(dir: &Path, members: &Range<usize>, total: usize) -> Result<Vec<usize>> {
    let prefix = format!("{}.step-", stem(members, total));
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(DistributedError::Checkpoint(format!("cannot read {}: {e}", dir.display()))),
    };
    let mut out: Vec<usize> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_prefix(&prefix)?.strip_suffix(".json")?.parse().ok()
        })
        .collect();
    out.sort_unstable();
    Ok(out)
}

/// Writes `checkpoint` atomically, then removes this rank's checkpoints older than the
/// previous one.
pub fn write(dir: &Path, total: usize, checkpoint: &Checkpoint) -> Result<PathBuf> {
    let bad = |what: &str, e: std::io::Error| DistributedError::Checkpoint(format!("{what}: {e}"));
    fs::create_dir_all(dir).map_err(|e| bad(&format!("cannot create {}", dir.display()), e))?;
    let members = &checkpoint.state.members;
    let target = path(dir, members, total, checkpoint.state.steps_done);
    let tmp = target.with_extension("json.partial");
    let json = serde_json::to_vec(checkpoint).map_err(|e| DistributedError::Checkpoint(e.to_string()))?;
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&json)?;
        f.sync_all()?;
        fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(bad(&format!("cannot write {}", target.display()), e));
    }
    let all = steps(dir, members, total)?;
    if all.len() > 2 {
        for &s in &all[..all.len() - 2] {
            let _ = fs::remove_file(path(dir, members, total, s));
        }
    }
    Ok(target)
}

/// Reads the checkpoint of `members` at `step` and checks it belongs to this run.
pub fn read(dir: &Path, members: &Range<usize>, total: usize, step: usize, fingerprint: &str) -> Result<TrainState> {
    let p = path(dir, members, total, step);
    let bytes = fs::read(&p).map_err(|e| DistributedError::Checkpoint(format!("cannot read {}: {e}", p.display())))?;
    let c: Checkpoint = serde_json::from_slice(&bytes)
        .map_err(|e| DistributedError::Checkpoint(format!("{} is not a checkpoint: {e}", p.display())))?;
    if c.format != FORMAT {
        return Err(DistributedError::Checkpoint(format!("{}: format {} (expected {FORMAT})", p.display(), c.format)));
    }
    if c.fingerprint != fingerprint {
        return Err(DistributedError::Checkpoint(format!(
            "{} was trained with another configuration or data (fingerprint {}, this run {fingerprint})",
            p.display(),
            c.fingerprint
        )));
    }
    if c.state.members != *members || c.state.steps_done != step {
        return Err(DistributedError::Checkpoint(format!(
            "{} holds members {:?} at step {}",
            p.display(),
            c.state.members,
            c.state.steps_done
        )));
    }
    Ok(c.state)
}
