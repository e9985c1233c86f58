//! The allocation budget (`check::set_allocation_limit`) is process-wide, so its test
//! has a binary of its own.

use arrayapi_core::check::{allocation_limit, allocations, set_allocation_limit};
use arrayapi_core::{DType, Error};

#[test]
fn the_budget_refuses_what_exceeds_it_and_names_the_function_and_bytes() {
    assert_eq!(allocation_limit(), None);
    set_allocation_limit(Some(1 << 20));
    assert_eq!(allocation_limit(), Some(1 << 20));
    // 1 MiB exactly fits; one byte more, counted over every part, does not.
    assert!(allocations("add", &[(&[1 << 17], DType::Float64)]).is_ok());
    let e = allocations("add", &[(&[1 << 17], DType::Float64), (&[1], DType::UInt8)]).unwrap_err();
    assert_eq!(e, Error::OutOfMemory { func: "add", bytes: (1 << 20) + 1 });
    set_allocation_limit(None);
    assert_eq!(allocation_limit(), None);
    assert!(allocations("add", &[(&[1 << 17], DType::Float64), (&[1], DType::UInt8)]).is_ok());
}
