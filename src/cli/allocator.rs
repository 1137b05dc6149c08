//! Allocator settings for long runs. glibc raises its mmap threshold each time a large
//! block is freed, so later large blocks (PDF buffers, font subsets, page lists) come
//! from the heap instead and, freed between smaller long-lived blocks, are never given
//! back: a 100-document batch grew past 200 MB. A fixed threshold keeps large blocks
//! in their own mappings, returned to the system when freed (the batch then peaks near
//! 130 MB, at the same speed; `scripts/bench-batch.sh`).

/// glibc's default threshold, fixed so that it no longer grows.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 128 * 1024;

/// Call once at the start of a long run (a batch), before other threads exist. Short
/// runs are better off without it: each large block (a compressor's tables, a page's
/// content) would be a fresh mapping, faulted in page by page (the seed's export spent
/// about 4 ms more in the kernel).
pub fn keep_large_blocks_returnable() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a setting of glibc's allocator; it is called before
    // any other thread runs. A refusal (return value 0) leaves the default in place.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}
