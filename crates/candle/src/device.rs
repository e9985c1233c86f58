//! Devices: arrayapi's `Device` to candle's, and the namespace that holds one.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use arrayapi_core::{BackendNamespace, Device, Error, Result};

/// One candle device per GPU, shared by the whole process. candle tells devices apart by
/// the instance `Device::new_cuda` returns, not by ordinal: two instances for `cuda:0`
/// would make arrays created "like" each other incompatible.
fn shared_gpu(
    device: Device,
    make: impl FnOnce() -> candle_core::Result<candle_core::Device>,
) -> Result<candle_core::Device> {
    static GPUS: OnceLock<Mutex<HashMap<Device, candle_core::Device>>> = OnceLock::new();
    let gpus = GPUS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut gpus = gpus.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(d) = gpus.get(&device) {
        return Ok(d.clone());
    }
    let d = make().map_err(|e| Error::DeviceUnavailable { func: "namespace", device, reason: e.to_string() })?;
    gpus.insert(device, d.clone());
    Ok(d)
}

/// The candle backend's namespace: a candle device.
#[derive(Clone, Debug)]
pub struct CandleNamespace {
    device: candle_core::Device,
    ours: Device,
}

impl CandleNamespace {
    /// The namespace on `device`. A GPU device this build was not compiled for (the
    /// `cuda`/`metal` features) or that this machine lacks is
    /// [`Error::DeviceUnavailable`], with candle's reason.
    pub fn new(device: Device) -> Result<Self> {
        let unavailable = |reason: String| Error::DeviceUnavailable { func: "namespace", device, reason };
        let candle = match device {
            Device::Cpu => candle_core::Device::Cpu,
            Device::Cuda(i) => {
                if !cfg!(feature = "cuda") {
                    return Err(unavailable(
                        "arrayapi-candle was not compiled with CUDA support (build with --features cuda)".into(),
                    ));
                }
                shared_gpu(device, || candle_core::Device::new_cuda(i))?
            }
            Device::Metal(i) => {
                if !cfg!(feature = "metal") {
                    return Err(unavailable(
                        "arrayapi-candle was not compiled with Metal support (build with --features metal)".into(),
                    ));
                }
                shared_gpu(device, || candle_core::Device::new_metal(i))?
            }
        };
        Ok(CandleNamespace { device: candle, ours: device })
    }

    /// The namespace of an existing candle device (the one a tensor lives on).
    pub fn of(device: &candle_core::Device) -> Self {
        CandleNamespace { device: device.clone(), ours: ours(device) }
    }

    /// The CPU namespace.
    pub fn cpu() -> Self {
        CandleNamespace { device: candle_core::Device::Cpu, ours: Device::Cpu }
    }

    /// The candle device.
    pub fn candle_device(&self) -> &candle_core::Device {
        &self.device
    }
}

impl Default for CandleNamespace {
    fn default() -> Self {
        Self::cpu()
    }
}

impl BackendNamespace for CandleNamespace {
    fn backend_name(&self) -> &'static str {
        crate::BACKEND
    }
    fn device(&self) -> Device {
        self.ours
    }
    /// Every dtype but int8, uint16 and uint64, which candle does not store.
    fn dtypes(&self) -> Vec<arrayapi_core::DType> {
        arrayapi_core::DType::ALL.into_iter().filter(|&d| crate::dtype::storage("dtypes", d).is_ok()).collect()
    }
    fn on_device(&self, device: Device) -> Result<Self> {
        if device == self.ours {
            return Ok(self.clone());
        }
        CandleNamespace::new(device).map_err(|e| e.in_func("to_device"))
    }
}

/// arrayapi's name for a candle device.
pub(crate) fn ours(device: &candle_core::Device) -> Device {
    match device.location() {
        candle_core::DeviceLocation::Cpu => Device::Cpu,
        candle_core::DeviceLocation::Cuda { gpu_id } => Device::Cuda(gpu_id),
        candle_core::DeviceLocation::Metal { gpu_id } => Device::Metal(gpu_id),
    }
}
