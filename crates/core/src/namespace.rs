//! A backend's namespace: where new arrays are created (NEP 47's `__array_namespace__`,
//! with NEP 35's `like=` and the standard's `device=`).

use std::fmt::Debug;

use crate::device::Device;
use crate::error::{Error, Result};

/// The handle every creation function takes: it names a backend and a device.
///
/// `x.namespace()` gives the namespace of an existing array, so
/// `A::zeros(&x.namespace(), ..)` creates "like `x`" (NEP 35). A backend's namespace is
/// usually a small value (the ndarray backend's is a unit struct; candle's holds a
/// device); the dynamic [`crate::Namespace`] wraps any of them.
pub trait BackendNamespace: Clone + Debug + Send + Sync + 'static {
    /// The backend's name, as used in errors (`"ndarray"`).
    fn backend_name(&self) -> &'static str;

    /// The device new arrays are created on.
    fn device(&self) -> Device;

    /// The same backend on another device. The default accepts only the current device
    /// and otherwise returns [`Error::DeviceUnavailable`].
    fn on_device(&self, device: Device) -> Result<Self> {
        if device == self.device() {
            Ok(self.clone())
        } else {
            Err(Error::DeviceUnavailable {
                func: "to_device",
                device,
                reason: format!("the {} backend runs only on {}", self.backend_name(), self.device()),
            })
        }
    }
}
