use proptest::prelude::*;

use super::*;

/// Panics unless every invariant in [`LruCache`]'s docs holds.
fn check<K: Hash + Eq + fmt::Debug, V, S: BuildHasher>(c: &LruCache<K, V, S>) {
    let n = c.nodes.len();
    assert!(n <= c.capacity, "{n} entries over capacity {}", c.capacity);
    assert_eq!(c.table.len(), n, "one table entry per node");
    assert_eq!(c.head == NIL, n == 0, "head is NIL exactly when empty");
    // Walk the ring from head: every node once, back links consistent, back to head.
    let mut seen = vec![false; n];
    let mut at = c.head;
    for _ in 0..n {
        let i = at as usize;
        assert!(i < n, "link {i} out of range");
        assert!(!seen[i], "node {i} visited twice");
        seen[i] = true;
        let next = c.nodes[i].next;
        assert!((next as usize) < n, "link {next} out of range");
        assert_eq!(c.nodes[next as usize].prev, at, "node {next}'s prev link");
        at = next;
    }
    assert_eq!(at, c.head, "the ring closes at head");
    for (i, node) in c.nodes.iter().enumerate() {
        assert_eq!(
            c.slot(&node.key),
            Some(i),
            "table maps {:?} to its slot",
            node.key
        );
    }
}

/// `LeetCode` 146's `get`: the value, or -1 on a miss.
fn get(c: &mut LruCache<i32, i32>, key: i32) -> i32 {
    c.get(&key).copied().unwrap_or(-1)
}

fn keys(c: &LruCache<i32, i32>) -> Vec<i32> {
    c.keys().copied().collect()
}

#[test]
fn leetcode_146_example() {
    let mut c = LruCache::new(2);
    assert_eq!(c.put(1, 1), Put::Inserted);
    assert_eq!(c.put(2, 2), Put::Inserted);
    assert_eq!(get(&mut c, 1), 1);
    assert_eq!(c.put(3, 3), Put::Evicted { key: 2, value: 2 });
    assert_eq!(get(&mut c, 2), -1);
    assert_eq!(c.put(4, 4), Put::Evicted { key: 1, value: 1 });
    assert_eq!(get(&mut c, 1), -1);
    assert_eq!(get(&mut c, 3), 3);
    assert_eq!(get(&mut c, 4), 4);
    assert_eq!(keys(&c), [4, 3]);
    check(&c);
}

#[test]
fn capacity_zero_stores_nothing() {
    let mut c = LruCache::new(0);
    assert_eq!(c.put(1, 10), Put::Discarded { key: 1, value: 10 });
    assert_eq!(get(&mut c, 1), -1);
    assert!(c.is_empty());
    assert_eq!(c.peek_lru(), None);
    assert_eq!(c.pop_lru(), None);
    check(&c);
}

#[test]
fn capacity_one_keeps_the_latest_key() {
    let mut c = LruCache::new(1);
    assert_eq!(c.put(1, 1), Put::Inserted);
    assert_eq!(get(&mut c, 1), 1);
    assert_eq!(c.put(2, 2), Put::Evicted { key: 1, value: 1 });
    assert_eq!(get(&mut c, 1), -1);
    assert_eq!(c.put(2, 20), Put::Updated { old: 2 });
    assert_eq!(get(&mut c, 2), 20);
    assert_eq!(c.len(), 1);
    check(&c);
}

#[test]
fn an_update_refreshes_recency_and_evicts_nothing() {
    let mut c = LruCache::new(2);
    let _ = c.put(1, 1);
    let _ = c.put(2, 2);
    assert_eq!(c.put(1, 10), Put::Updated { old: 1 });
    assert_eq!(keys(&c), [1, 2]);
    assert_eq!(c.put(3, 3), Put::Evicted { key: 2, value: 2 });
    assert_eq!(keys(&c), [3, 1]);
    check(&c);
}

#[test]
fn a_miss_leaves_the_order_alone() {
    let mut c = LruCache::new(3);
    for k in 1..=3 {
        let _ = c.put(k, k);
    }
    assert_eq!(keys(&c), [3, 2, 1]);
    assert_eq!(c.get(&99), None);
    assert_eq!(keys(&c), [3, 2, 1]);
    assert_eq!(c.peek(&1), Some(&1), "peek does not refresh either");
    assert_eq!(keys(&c), [3, 2, 1]);
    assert_eq!(c.peek_lru(), Some((&1, &1)));
}

#[test]
fn resize_evicts_least_recent_first_and_can_grow_again() {
    let mut c = LruCache::new(4);
    for k in 1..=4 {
        let _ = c.put(k, k * 10);
    }
    let _ = c.get(&1);
    assert_eq!(keys(&c), [1, 4, 3, 2]);
    assert_eq!(c.resize(2), [(2, 20), (3, 30)]);
    assert_eq!(keys(&c), [1, 4]);
    check(&c);
    assert_eq!(c.resize(3), []);
    assert_eq!(c.put(5, 50), Put::Inserted);
    assert_eq!(keys(&c), [5, 1, 4]);
    check(&c);
    assert_eq!(c.resize(0), [(4, 40), (1, 10), (5, 50)]);
    assert!(c.is_empty());
    check(&c);
}

#[test]
fn remove_keeps_the_slab_dense() {
    let mut c = LruCache::new(4);
    for k in 1..=4 {
        let _ = c.put(k, k);
    }
    // Slot 0 holds key 1; removing it moves key 4 (the last slot) into slot 0.
    assert_eq!(c.slot(&1), Some(0));
    assert_eq!(c.remove(&1), Some(1));
    assert_eq!(c.slot(&4), Some(0));
    assert_eq!(keys(&c), [4, 3, 2]);
    check(&c);
    assert_eq!(c.remove(&1), None);
    assert_eq!(c.remove(&4), Some(4));
    assert_eq!(keys(&c), [3, 2]);
    check(&c);
}

#[test]
fn borrowed_lookups_and_owned_keys() {
    let mut c: LruCache<String, Vec<u8>> = LruCache::new(2);
    let _ = c.put("a".to_string(), vec![1]);
    let _ = c.put("b".to_string(), vec![2]);
    assert_eq!(c.get("a"), Some(&vec![1]));
    assert_eq!(
        c.put("c".to_string(), vec![3]),
        Put::Evicted {
            key: "b".to_string(),
            value: vec![2]
        }
    );
    assert!(c.contains("c") && !c.contains("b"));
    check(&c);
}

#[test]
fn clone_is_independent() {
    let mut a = LruCache::new(2);
    let _ = a.put(1, 1);
    let mut b = a.clone();
    let _ = b.put(2, 2);
    assert_eq!(keys(&a), [1]);
    assert_eq!(keys(&b), [2, 1]);
    check(&b);
    assert_eq!(
        format!("{b:?}"),
        "LruCache { capacity: 2, entries: {2: 2, 1: 1}, .. }"
    );
}

/// The obviously right cache: a Vec of (key, value), most recently used first.
#[derive(Debug, Default)]
struct Model {
    capacity: usize,
    entries: Vec<(i32, i32)>,
}

impl Model {
    fn get(&mut self, key: i32) -> Option<i32> {
        let at = self.entries.iter().position(|e| e.0 == key)?;
        let entry = self.entries.remove(at);
        self.entries.insert(0, entry);
        Some(entry.1)
    }

    fn put(&mut self, key: i32, value: i32) -> Put<i32, i32> {
        if self.capacity == 0 {
            return Put::Discarded { key, value };
        }
        if let Some(at) = self.entries.iter().position(|e| e.0 == key) {
            let (_, old) = self.entries.remove(at);
            self.entries.insert(0, (key, value));
            return Put::Updated { old };
        }
        let evicted = if self.entries.len() == self.capacity {
            self.entries.pop()
        } else {
            None
        };
        self.entries.insert(0, (key, value));
        match evicted {
            Some((key, value)) => Put::Evicted { key, value },
            None => Put::Inserted,
        }
    }

    fn resize(&mut self, capacity: usize) -> Vec<(i32, i32)> {
        self.capacity = capacity;
        let mut evicted = Vec::new();
        while self.entries.len() > capacity {
            evicted.extend(self.entries.pop());
        }
        evicted
    }
}

#[derive(Debug, Clone)]
enum Op {
    Get(i32),
    Put(i32, i32),
    Resize(usize),
    Remove(i32),
}

fn op() -> impl Strategy<Value = Op> {
    // Few keys, so hits, updates and evictions are all common.
    prop_oneof![
        8 => (0..12i32).prop_map(Op::Get),
        8 => (0..12i32, any::<i32>()).prop_map(|(k, v)| Op::Put(k, v)),
        1 => (0..8usize).prop_map(Op::Resize),
        1 => (0..12i32).prop_map(Op::Remove),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn behaves_like_the_model(capacity in 0..6usize, ops in prop::collection::vec(op(), 0..200)) {
        let mut cache = LruCache::new(capacity);
        let mut model = Model { capacity, entries: Vec::new() };
        for op in ops {
            match op {
                Op::Get(k) => prop_assert_eq!(cache.get(&k).copied(), model.get(k)),
                Op::Put(k, v) => prop_assert_eq!(cache.put(k, v), model.put(k, v)),
                Op::Resize(n) => prop_assert_eq!(cache.resize(n), model.resize(n)),
                Op::Remove(k) => {
                    let expected = model.entries.iter().position(|e| e.0 == k)
                        .map(|at| model.entries.remove(at).1);
                    prop_assert_eq!(cache.remove(&k), expected);
                }
            }
            check(&cache);
            let entries: Vec<(i32, i32)> = cache.iter().map(|e| (*e.key, *e.value)).collect();
            prop_assert_eq!(&entries, &model.entries);
            prop_assert_eq!(cache.capacity(), model.capacity);
        }
    }
}
