//! A backend's namespace: where new arrays are created (NEP 47's `__array_namespace__`,
//! with NEP 35's `like=` and the standard's `device=`).

use std::fmt::Debug;

use crate::device::Device;
use crate::dtype::DType;
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

    /// The dtypes this backend stores (default: the standard's eleven,
    /// [`DType::STANDARD`]; a backend that also stores `float16` or `bfloat16` lists
    /// them). Asking for another is [`Error::Unsupported`].
    fn dtypes(&self) -> Vec<DType> {
        DType::STANDARD.to_vec()
    }

    /// The standard's `__array_namespace_info__()`: capabilities, default dtypes,
    /// supported dtypes and this namespace's device.
    fn info(&self) -> NamespaceInfo {
        NamespaceInfo {
            backend: self.backend_name(),
            boolean_indexing: false,
            data_dependent_shapes: true,
            max_dimensions: None,
            default_device: self.device(),
            default_float: DType::Float64,
            default_integral: DType::Int64,
            default_indexing: DType::Int64,
            dtypes: self.dtypes(),
        }
    }

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

/// What `__array_namespace_info__()` reports about a namespace.
#[derive(Clone, Debug, PartialEq)]
pub struct NamespaceInfo {
    /// The backend's name.
    pub backend: &'static str,
    /// Whether `x[mask]` is supported (the trait has no indexing with masks: `false`).
    pub boolean_indexing: bool,
    /// Whether functions with data-dependent output shapes (`unique_*`, `nonzero`) are.
    pub data_dependent_shapes: bool,
    /// The largest number of dimensions, if limited.
    pub max_dimensions: Option<usize>,
    /// The device arrays are created on.
    pub default_device: Device,
    /// The default real floating-point dtype.
    pub default_float: DType,
    /// The default integer dtype.
    pub default_integral: DType,
    /// The dtype of indices (`argmax`, `nonzero`, ...).
    pub default_indexing: DType,
    /// The dtypes the backend stores.
    pub dtypes: Vec<DType>,
}
