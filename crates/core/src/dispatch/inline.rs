//! Small backend arrays held inside the dynamic [`Array`](super::Array) handle itself,
//! so that wrapping a result costs no heap allocation.
//!
//! This is the one module of `arrayapi-core` with `unsafe` code: a type-erased slot of
//! [`CAPACITY`] bytes that holds one value of some backend array type `B`, with a table
//! of `B`'s operations (as `Box<dyn AnyArray>` would have, minus the box). The argument
//! that it is sound, in one place:
//!
//! - **Only a `B` that fits is written.** [`Inline::new`] checks at compile time of each
//!   `B` that `size_of::<B>() <= CAPACITY` and `align_of::<B>() <= align_of::<Slot>()`,
//!   and hands back any other `B` for the caller to box.
//! - **The slot and the table always agree.** An `Inline` is built only by
//!   [`Inline::new`] (which writes a `B` and takes `B`'s table) and by `clone` (which
//!   writes a clone of the source's value with the source's table into a fresh slot);
//!   neither field is ever changed afterwards. So while an `Inline` exists its slot holds
//!   an initialised value of the type its table was made for.
//! - **Every value is dropped exactly once.** `Drop for Inline` drops the value; nothing
//!   else does, and a clone whose `B::clone` panics never becomes an `Inline` (its
//!   uninitialised slot is discarded without a drop).
//! - **Moving is a bitwise copy**, which is valid for every Rust type: nothing here pins
//!   the value, and no pointer into a slot outlives the borrow of the `Inline` it came
//!   from (`get`, `get_mut` and `downcast_ref` return references bound to `&self` /
//!   `&mut self`).
//! - **Threads.** The slot's bytes are `MaybeUninit<u8>` and the table is function
//!   pointers, so `Inline` is `Send` and `Sync` by itself; that is right because the only
//!   values ever stored are `B: Backend`, which are `Send + Sync` (`Backend`'s supertraits).
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

use std::any::TypeId;
use std::fmt;
use std::mem::{align_of, size_of, MaybeUninit};

use crate::backend::Backend;
use crate::dispatch::array::AnyArray;

/// Bytes a backend array may take to be held inline: the ndarray backend's array (104
/// bytes, alignment 8) fits, as does candle's (16).
pub(crate) const CAPACITY: usize = 104;

/// Room for one value of at most [`CAPACITY`] bytes and alignment 8.
#[repr(C, align(8))]
struct Slot([MaybeUninit<u8>; CAPACITY]);

impl Slot {
    fn uninit() -> Slot {
        Slot([MaybeUninit::uninit(); CAPACITY])
    }
}

/// One backend type's operations on a slot holding a value of that type.
struct VTable {
    /// The type's id.
    type_id: TypeId,
    get: fn(*const Slot) -> *const dyn AnyArray,
    get_mut: fn(*mut Slot) -> *mut dyn AnyArray,
    /// Writes a clone of the value at the first slot into the second (uninitialised) one.
    clone: unsafe fn(*const Slot, *mut Slot),
    /// Drops the value in the slot in place.
    drop: unsafe fn(*mut Slot),
}

fn get<B: Backend>(slot: *const Slot) -> *const dyn AnyArray {
    slot.cast::<B>()
}

fn get_mut<B: Backend>(slot: *mut Slot) -> *mut dyn AnyArray {
    slot.cast::<B>()
}

/// # Safety
/// `src` holds an initialised `B`; `dst` is valid for writes of a `B` and holds no value.
unsafe fn clone<B: Backend>(src: *const Slot, dst: *mut Slot) {
    // SAFETY: as the function's contract says; `B` fits both slots (checked before any
    // slot of this table was written).
    unsafe { dst.cast::<B>().write((*src.cast::<B>()).clone()) }
}

/// # Safety
/// `slot` holds an initialised `B`, which is not used again.
unsafe fn drop<B: Backend>(slot: *mut Slot) {
    // SAFETY: as the function's contract says.
    unsafe { slot.cast::<B>().drop_in_place() }
}

/// `B`'s table and whether a `B` fits a slot, as constants (the table is promoted to a
/// `'static`, one per type).
struct For<B>(std::marker::PhantomData<B>);

impl<B: Backend> For<B> {
    const FITS: bool = size_of::<B>() <= CAPACITY && align_of::<B>() <= align_of::<Slot>();
    const VTABLE: VTable =
        VTable { type_id: TypeId::of::<B>(), get: get::<B>, get_mut: get_mut::<B>, clone: clone::<B>, drop: drop::<B> };
}

/// A backend array held in place (see the module's safety argument).
pub(crate) struct Inline {
    slot: Slot,
    vtable: &'static VTable,
}

impl Inline {
    /// `value` held inline, or given back if it does not fit.
    #[inline]
    pub(crate) fn new<B: Backend>(value: B) -> Result<Inline, B> {
        if !For::<B>::FITS {
            return Err(value);
        }
        let mut slot = Slot::uninit();
        // SAFETY: a `B` fits the slot's size and alignment (`FITS`), and the fresh slot
        // holds no value that the write would overwrite.
        unsafe { (&mut slot as *mut Slot).cast::<B>().write(value) };
        Ok(Inline { slot, vtable: &For::<B>::VTABLE })
    }

    /// The value.
    #[inline]
    pub(crate) fn get(&self) -> &dyn AnyArray {
        // SAFETY: the slot holds an initialised value of the table's type (module
        // argument); the reference borrows `self`, so the value outlives it and stays put.
        unsafe { &*(self.vtable.get)(&self.slot) }
    }

    /// The value if it is a `B` (without the virtual calls of `dyn Any`'s downcast).
    #[inline]
    pub(crate) fn downcast_ref<B: Backend>(&self) -> Option<&B> {
        if self.vtable.type_id != TypeId::of::<B>() {
            return None;
        }
        // SAFETY: the slot holds an initialised value of the table's type (module
        // argument), which is `B` (the ids are equal); the reference borrows `self`.
        Some(unsafe { &*(&self.slot as *const Slot).cast::<B>() })
    }

    /// The value's type.
    #[inline]
    pub(crate) fn type_id(&self) -> TypeId {
        self.vtable.type_id
    }

    /// Where the value is (the address `get` points at, for identity checks).
    #[inline]
    pub(crate) fn addr(&self) -> *const () {
        (&self.slot as *const Slot).cast()
    }

    /// The value, to change in place.
    #[inline]
    pub(crate) fn get_mut(&mut self) -> &mut dyn AnyArray {
        // SAFETY: as for `get`, and the borrow of `self` is exclusive.
        unsafe { &mut *(self.vtable.get_mut)(&mut self.slot) }
    }
}

impl Clone for Inline {
    #[inline]
    fn clone(&self) -> Inline {
        let mut slot = Slot::uninit();
        // SAFETY: `self.slot` holds an initialised value of the table's type; the fresh
        // slot has room for it (the same type was written into a slot of this size) and
        // holds no value.
        unsafe { (self.vtable.clone)(&self.slot, &mut slot) };
        Inline { slot, vtable: self.vtable }
    }
}

impl Drop for Inline {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the slot holds an initialised value of the table's type, dropped here
        // once; the `Inline` (and so the slot) is not used afterwards.
        unsafe { (self.vtable.drop)(&mut self.slot) }
    }
}

impl fmt::Debug for Inline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.get(), f)
    }
}
