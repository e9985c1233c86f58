//! The dynamic `Array` holds small arrays of backends whose clones share their data
//! inline (`Backend::SHARES_ON_CLONE`): wrapping a result allocates nothing, a dynamic
//! call allocates exactly what the static call does, clones share the backend's data,
//! every value is freed once, and a backend that does not opt in gets one shared
//! allocation. Counted by a global allocator that counts this thread's allocations.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use arrayapi::candle::{CandleArray, CandleNamespace};
use arrayapi::ndarray::{NdArray, NdNamespace};
use arrayapi::{s, Array, ArrayApi, BackendNamespace, Device};

#[path = "../examples/vec_backend/backend.rs"]
#[allow(dead_code)]
mod vec_backend;

struct Counting;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

// SAFETY: every method forwards to the system allocator with the same arguments; the
// counters are const-initialised thread-locals without destructors, so touching them
// neither allocates nor re-enters the allocator (`try_with` skips them while a thread
// is torn down).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|c| c.set(c.get() + 1));
        let _ = LIVE.try_with(|c| c.set(c.get() + 1));
        // SAFETY: the caller's contract for `alloc` is `System.alloc`'s.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = LIVE.try_with(|c| c.set(c.get() - 1));
        // SAFETY: `ptr` came from `System.alloc` with `layout` (every allocation here does).
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What `f` allocated on this thread: (allocations, blocks still live after it).
fn counted<T>(f: impl FnOnce() -> T) -> (T, usize, isize) {
    let (a0, l0) = (ALLOCATED.with(Cell::get), LIVE.with(Cell::get));
    let out = f();
    (out, ALLOCATED.with(Cell::get) - a0, LIVE.with(Cell::get) - l0)
}

fn data_ptr(a: &Array) -> usize {
    a.downcast_ref::<NdArray>().unwrap().as_ndarray::<f32>().unwrap().as_ptr() as usize
}

#[test]
fn wrapping_and_cloning_a_small_ndarray_array_allocate_nothing() {
    let nd = NdArray::asarray(&NdNamespace, &[1.0f32, 2.0, 3.0], &[3]).unwrap();
    let ((), allocs, live) = counted(|| {
        let a = Array::new(nd.clone());
        let b = a.clone();
        // The clone shares the backend array's data.
        assert_eq!(data_ptr(&a), data_ptr(&b));
        assert_eq!(b.to_vec::<f32>().unwrap(), vec![1.0, 2.0, 3.0]);
    });
    // `to_vec` allocates its result (and frees it); the handle and its clone nothing.
    let ((), wrap_allocs, wrap_live) = counted(|| {
        let a = Array::new(nd.clone());
        let b = a.clone();
        drop((a, b));
    });
    assert_eq!((wrap_allocs, wrap_live), (0, 0), "the handle allocated");
    assert_eq!(live, 0, "a block leaked ({allocs} allocations)");
}

#[test]
fn a_dynamic_call_allocates_what_the_static_call_does() {
    let x = NdArray::asarray(&NdNamespace, &[0.5f32], &[1]).unwrap();
    let y = NdArray::asarray(&NdNamespace, &[0.25f32], &[1]).unwrap();
    let (dx, dy) = (Array::new(x.clone()), Array::new(y.clone()));
    let (s, static_allocs, _) = counted(|| x.add(&y).unwrap());
    let (d, dynamic_allocs, _) = counted(|| dx.add(&dy).unwrap());
    assert_eq!(dynamic_allocs, static_allocs);
    assert_eq!(d.to_vec::<f32>().unwrap(), s.to_vec::<f32>().unwrap());
    // And the result frees everything it holds.
    let ((), _, live) = counted(|| drop(dx.multiply(&dy).unwrap().exp().unwrap()));
    assert_eq!(live, 0);
}

#[test]
fn candle_arrays_are_held_inline_too() {
    let ns = CandleNamespace::new(Device::Cpu).unwrap();
    let c = CandleArray::asarray(&ns, &[1.0f32, -2.0], &[2]).unwrap();
    let ((), allocs, live) = counted(|| drop(Array::new(c.clone()).clone()));
    assert_eq!((allocs, live), (0, 0));
    let a = Array::new(c);
    assert_eq!(a.downcast_ref::<CandleArray>().unwrap().to_vec::<f32>().unwrap(), vec![1.0, -2.0]);
    assert!(a.downcast_ref::<NdArray>().is_none());
}

#[test]
fn a_backend_that_does_not_opt_in_gets_one_shared_allocation() {
    let v = vec_backend::VecArray::asarray(&vec_backend::VecNamespace, &[1.0f64, 2.0], &[2]).unwrap();
    // (Its clone copies the data: one allocation of its own, outside the count.)
    let copy = v.clone();
    let (a, allocs, _) = counted(|| Array::new(copy));
    assert_eq!(allocs, 1, "one reference-counted allocation");
    let (b, allocs, _) = counted(|| a.clone());
    assert_eq!(allocs, 0, "its clones share it");
    assert!(b.downcast_ref::<vec_backend::VecArray>().is_some());
    let ((), _, live) = counted(|| drop((a, b)));
    assert!(live < 0, "dropping the last handle frees the array");
}

#[test]
fn writing_into_an_inline_clone_leaves_the_original_as_it_was() {
    for ns in [arrayapi::ndarray::namespace(), arrayapi::candle::namespace(Device::Cpu).unwrap()] {
        let a = ns.asarray(&[1.0f32, 2.0, 3.0], &[3]).unwrap();
        let mut b = a.clone();
        b.slice_assign(s![1], 9.0f32).unwrap();
        assert_eq!(a.to_vec::<f32>().unwrap(), vec![1.0, 2.0, 3.0], "{}", ns.backend_name());
        assert_eq!(b.to_vec::<f32>().unwrap(), vec![1.0, 9.0, 3.0], "{}", ns.backend_name());
    }
}
