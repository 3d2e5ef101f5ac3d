//! Answers tried in the review of the recall items (the `R_F2` brief): fair right answers
//! that the items marked wrong, and wrong ones that they accepted, before the fixes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tutor::content::{LoadOptions, load_library};
use tutor::quiz::synonyms::Synonyms;
use tutor::quiz::{AnswerState, score};

const PROBES: &[(&str, usize, &str, bool)] = &[
    (
        "timing-decorator",
        6,
        "A decorator is a function that takes a function and returns a replacement. @timed means checkout = timed(checkout), once at definition. Every call then goes through the wrapper, which starts a timer, calls the original and logs the elapsed time. functools.wraps copies __name__ and __doc__ onto the wrapper.",
        true,
    ),
    (
        "lru-cache",
        6,
        "A hash map from key to node and a doubly linked list in recency order. get moves the node to the front; put at capacity removes the last node and deletes its key from the map, which is why nodes store keys.",
        true,
    ),
    // A second reviewer's: the key leaves the map in other words than "delete its key".
    (
        "lru-cache",
        6,
        "A dict from key to node, a doubly linked list by recency; evict the least recently used node and remove it from the dict too.",
        true,
    ),
    (
        "lru-cache",
        6,
        "A dict from key to node, a doubly linked list by recency; when full, remove the LRU node from the list and from the hash map as well.",
        true,
    ),
    (
        "args-kwargs",
        6,
        "*args: a tuple of the extra positional args; **kwargs: a dict with whatever keyword args are left over. Params after *args can only be given by keyword. Calling f(*xs, **d) expands xs into positional args and d into keyword args.",
        true,
    ),
    (
        "args-kwargs",
        6,
        "*args collects extra positionals into a tuple, **kwargs collects the other keyword arguments into a dict. After *args parameters must be passed by name. At a call, * and ** unpack the sequence and the dict into arguments.",
        true,
    ),
    (
        "longest-substring-without-repeats",
        4,
        "Sliding window, dict of the last index of each char; when a char repeats, left = max(left, last[ch] + 1). Track the best length.",
        true,
    ),
    (
        "course-schedule",
        4,
        "Directed graph; Kahn's algorithm with in-degrees; if some courses are never processed there is a cycle. Linear time.",
        true,
    ),
    (
        "course-schedule",
        4,
        "Directed graph; Kahn's algorithm; if the number of processed courses is less than the number of courses, there's a cycle. O(V + E).",
        true,
    ),
    (
        "mutable-defaults-late-binding",
        4,
        "The lambdas look up pct when they run, and by then the comprehension is done and pct is 50 for all of them. Two fixes: give the lambda a default parameter pct=pct, or write a helper make_discount(pct) that returns the lambda.",
        true,
    ),
    (
        "copy-shallow-deep",
        4,
        "deepcopy tracks a memo dictionary keyed by id of what it already copied, and returns that copy when it meets the object again, so a cycle doesn't loop forever and two references to one object map to one copy. Clone Graph: a hash map from old node to new node during a DFS.",
        true,
    ),
    (
        "lambda-handler-design",
        4,
        "Cold start means a new execution environment runs the Init phase first. Subsequent invocations reuse it, so create the client globally, outside the handler function. You can't count on it being reused, though.",
        true,
    ),
    (
        "dynamodb-pagination-conditions",
        4,
        "Get the item with its version, then put it with a conditional expression that the version matches, and increment the version atomically in that update. If the check fails another writer won; read again and retry, up to 3 times.",
        true,
    ),
    (
        "solid-principles",
        4,
        "Single responsibility: one reason to change. Open/closed: open for extension, closed for modification. Liskov: subtypes must be usable wherever the base type is. Interface segregation: no client should be forced to depend on methods it does not use. Dependency inversion: depend on interfaces, not implementations.",
        true,
    ),
    (
        "parking-lot",
        5,
        "Two gates can both read the last spot as free and both park there, one spot for two cars. In one process a threading.Lock around park; across machines a Redis lock or a conditional update in the DB.",
        true,
    ),
    (
        "parking-lot",
        5,
        "A race: both cars could be assigned the last spot. One process: a mutex around find-and-take. Several machines: a distributed lock, e.g. with ZooKeeper, or a conditional write in DynamoDB.",
        true,
    ),
    (
        "token-bucket-rate-limiter",
        5,
        "Race: two threads read tokens=1 and both take it. The GIL doesn't help. Put a lock around refill-check-spend, don't do I/O or sleep while holding it. The dict of buckets: use setdefault, which is atomic, so no two buckets for one client.",
        true,
    ),
    (
        "observer-event-bus",
        5,
        "Under the lock, copy the handler list, release the lock, then call the handlers from the copy. If you called them while holding a plain Lock, a handler that publishes would deadlock. A subscribe during a publish applies from the next one; an unsubscribe at once, since each token is checked before its call.",
        true,
    ),
    (
        "observer-event-bus",
        5,
        "Snapshot the list under the lock, release, call handlers outside the lock. Otherwise a handler that calls subscribe would block forever on the lock. A handler unsubscribed mid-publish is skipped if its turn has not come; new subscribers only see later events.",
        true,
    ),
    (
        "lp-ownership",
        4,
        "I took on something outside my team's scope that nobody owned, fixed the root cause for good, set up alarms and handed it to an owning team, and the pages dropped from 12 a week to 1.",
        true,
    ),
    (
        "lru-cache",
        6,
        "A dict from key to node and a doubly linked list in order of use; on put when full, evict the tail node from the list. Sentinel head and tail.",
        false,
    ),
    (
        "asyncio-threads-processes",
        4,
        "asyncio for all I/O, it runs on a single thread and switches at await. Processes for CPU-bound work, each with its own GIL, since the GIL lets one thread run bytecode at a time. Blocking call in async code: asyncio.to_thread.",
        false,
    ),
    (
        "dynamodb-pagination-conditions",
        4,
        "Read the item and its version. Write with a condition on the version in one request that also bumps it. On ConditionalCheckFailedException, just retry the same write with the same expected version until it succeeds.",
        false,
    ),
    (
        "copy-shallow-deep",
        4,
        "deepcopy keeps a memo dict from each object already copied to its copy and reuses it, so a cycle doesn't recurse forever and two references to one object become two references to one copy.",
        false,
    ),
    (
        "token-bucket-rate-limiter",
        5,
        "Two threads can both see one token and both spend it, a race. The GIL doesn't make it atomic. Hold one lock per client across refill, check and spend; keep it short, no sleeping inside.",
        false,
    ),
    (
        "lp-deliver-results",
        4,
        "The goal and the date, a blocker and what I did, the scope I deferred with the stakeholders, that I kept quality with tests and a staged rollout, and the result in numbers plus what I'd do differently.",
        true,
    ),
    (
        "retries-backoff-jitter",
        4,
        "Backoff without jitter means everyone who failed at once comes back at once; jitter spreads them randomly. A timeout is ambiguous, the write may have gone through, so only retry idempotent writes, e.g. with an idempotency key.",
        true,
    ),
    (
        "lp-deliver-results",
        4,
        "It shows that when we hit a setback I worked nights and weekends and got the team to do the same, so we shipped the full scope on the deadline without cutting anything, with tests, and a measured result and a lesson learned.",
        false,
    ),
];

#[test]
fn review_probes_score_as_labelled() {
    let library = load_library(&LoadOptions {
        bundled: true,
        ..LoadOptions::default()
    });
    assert_eq!(library.problems, []);
    let mut failures = Vec::new();
    for &(id, n, answer, right) in PROBES {
        let (deck, card) = library.card(id).unwrap_or_else(|| panic!("no card {id}"));
        let verdict = score(
            &card.quiz[n - 1],
            &AnswerState::Recall {
                text: answer.to_string(),
            },
            &Synonyms::with_deck(&deck.meta.synonyms),
        );
        if verdict.correct() != right {
            failures.push(format!(
                "{id} item {n} (should be {}): {answer:?}\n    {verdict:?}",
                if right { "right" } else { "wrong" }
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
