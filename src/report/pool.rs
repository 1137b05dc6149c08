//! The one worker pool of `export FILE...` and `batch`: plain threads with the stack Typst's
//! layout needs, results handed back in input order, a panic in one item reported as that
//! item's failure.
//!
//! Not rayon: Typst lays out in parallel with rayon, and a rayon worker that waits inside
//! one document's layout steals the next document and starts it on top of the first one,
//! and so on, until every document is half laid out on one thread's stack (memory grew past
//! 900 MiB and a 100-document batch overflowed the stack).

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

/// An item whose work panicked (a bug in boardpack); the panic's message, if it had one.
#[derive(Debug)]
pub struct Panicked(pub String);

impl std::fmt::Display for Panicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "internal error (a bug in boardpack, please report it): {}", self.0)
    }
}

/// Runs `work` on every item with up to `workers` threads and hands each result to `done`
/// in the items' order, as soon as it and every earlier one are ready. With one worker the
/// calling thread does the work itself.
pub fn in_order<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(Result<R, Panicked>),
) {
    let workers = workers.clamp(1, items.len().max(1));
    if workers == 1 {
        items.iter().for_each(|item| done(contained(&work, item)));
        return;
    }
    let next = AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let mut started = 0;
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, work) = (&next, &work);
            let spawned = std::thread::Builder::new().stack_size(crate::render::STACK_SIZE).spawn_scoped(
                scope,
                move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        if sender.send((i, contained(work, item))).is_err() {
                            break;
                        }
                    }
                },
            );
            started += usize::from(spawned.is_ok());
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        for (i, result) in receiver {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&expected) {
                done(result);
                expected += 1;
            }
        }
        // No thread could be started (the system is out of threads): the calling thread
        // does what is left, so that every item still gets its result.
        if started == 0 {
            for item in &items[expected..] {
                done(contained(&work, item));
            }
        }
    });
}

/// `work` over `items` on up to `workers` threads; one result per item, in input order.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<Result<R, Panicked>> {
    let mut results = Vec::with_capacity(items.len());
    in_order(items, workers, work, |result| results.push(result));
    results
}

fn contained<T, R>(work: &(impl Fn(&T) -> R + Sync), item: &T) -> Result<R, Panicked> {
    catch_unwind(AssertUnwindSafe(|| work(item))).map_err(|payload| {
        Panicked(crate::diag::panic_message(&*payload).unwrap_or_else(|| "a worker panicked".to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_and_a_panic_costs_only_its_item() {
        let items: Vec<usize> = (0..40).collect();
        for workers in [1, 2, 5] {
            let results = map(&items, workers, |&i| {
                if i % 7 == 3 {
                    panic!("item {i} fails");
                }
                i * 10
            });
            assert_eq!(results.len(), items.len());
            for (i, result) in results.iter().enumerate() {
                match result {
                    Ok(value) => assert_eq!(*value, i * 10),
                    Err(Panicked(message)) => {
                        assert_eq!(i % 7, 3);
                        assert_eq!(message, &format!("item {i} fails"));
                    }
                }
            }
        }
    }

    #[test]
    fn no_items_no_calls() {
        assert!(map(&[] as &[u8], 3, |_| 1).is_empty());
    }
}
