//! The heap a normal start's deck loading holds at its peak, counted by dhat's
//! allocator. One test in this file: the allocator counts the whole process, so a test
//! beside it would count in.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tutor::content::{LoadOptions, load_library};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// A normal start decodes the bundled decks from the parse cache, a 2 MB file. Decoded
/// through a small buffer, the heap at its peak holds little more than the decks it
/// keeps; read whole first (as until 2026-12-06), it held the file's bytes beside the
/// decoded decks, and the start's peak was higher by the file's size.
#[test]
fn decoding_the_parse_cache_holds_no_copy_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let options = LoadOptions {
        bundled: true,
        dirs: Vec::new(),
        cache_dir: Some(dir.path().to_path_buf()),
    };
    // Parses the bundled decks and writes the cache.
    drop(load_library(&options));
    let file: u64 = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert!(file > 500_000, "the cache holds {file} bytes");
    let file = usize::try_from(file).unwrap();

    let profiler = dhat::Profiler::builder().testing().build();
    let library = load_library(&options);
    let stats = dhat::HeapStats::get();
    drop(profiler);

    assert!(library.problems.is_empty());
    assert!(library.card_count() >= 50);
    let kept = stats.curr_bytes;
    let above = stats.max_bytes - kept;
    assert!(
        above < file / 4,
        "the peak held {above} bytes above the {kept} the library keeps (the cache file: \
         {file} bytes)"
    );
}
