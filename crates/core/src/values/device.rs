//! Devices an array can live on.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// Where an array's memory lives.
///
/// Arrays on different devices never meet silently: an operation on two of them is
/// [`Error::DeviceMismatch`], and moving data is an explicit `to_device`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Device {
    /// Host memory.
    Cpu,
    /// An NVIDIA GPU, by ordinal.
    Cuda(usize),
    /// An Apple GPU, by ordinal.
    Metal(usize),
}

impl fmt::Display for Device {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Device::Cpu => f.write_str("cpu"),
            Device::Cuda(i) => write!(f, "cuda:{i}"),
            Device::Metal(i) => write!(f, "metal:{i}"),
        }
    }
}

impl FromStr for Device {
    type Err = Error;

    /// Parses `cpu`, `cuda`, `cuda:N`, `metal`, `metal:N` (the form `Display` writes).
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || Error::InvalidArgument {
            func: "Device::from_str",
            reason: format!("unknown device {s:?}: expected cpu, cuda:N or metal:N"),
        };
        let (name, ordinal) = match s.split_once(':') {
            Some((name, n)) => (name, n.parse::<usize>().map_err(|_| bad())?),
            None => (s, 0),
        };
        match name {
            "cpu" if !s.contains(':') => Ok(Device::Cpu),
            "cuda" => Ok(Device::Cuda(ordinal)),
            "metal" => Ok(Device::Metal(ordinal)),
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_print_and_parse() {
        for d in [Device::Cpu, Device::Cuda(0), Device::Cuda(3), Device::Metal(1)] {
            assert_eq!(d.to_string().parse::<Device>(), Ok(d));
        }
        assert_eq!("cuda".parse::<Device>(), Ok(Device::Cuda(0)));
        for bad in ["gpu", "cuda:x", "cpu:0", "", "cuda:-1", "metal:"] {
            assert!(matches!(bad.parse::<Device>(), Err(Error::InvalidArgument { .. })), "{bad}");
        }
    }
}
