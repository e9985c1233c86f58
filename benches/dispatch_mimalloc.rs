//! Dispatch overhead with mimalloc as the global allocator (same code as `dispatch`).
//! Run: `cargo bench --bench dispatch_mimalloc`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

include!("common/dispatch_body.rs");

fn main() {
    let mut c = config().configure_from_args();
    run(&mut c, "mimalloc");
    c.final_summary();
}
