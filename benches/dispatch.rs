//! Dispatch overhead with the system allocator. Run: `cargo bench --bench dispatch`.

include!("common/dispatch_body.rs");

fn main() {
    let mut c = config().configure_from_args();
    run(&mut c, "system");
    c.final_summary();
}
