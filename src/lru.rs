//! The LRU cache behind the LRU lab: `get` and `put` in O(1), every operation reporting
//! what it did so the diagram can show it.
//!
//! The design is the one the `lru-cache` card teaches for Rust: a hash table from key to
//! slot, and a doubly linked list threaded through a `Vec` of nodes by index (no
//! `Rc<RefCell<_>>`, no `unsafe`). Slots stay dense: an eviction on a full cache reuses
//! the evicted node's slot in place, and removing a node (a shrinking `resize`) moves
//! the last node into the hole, so `nodes` never holds a gap and needs no free list.
//!
//! The table is a [`hashbrown::HashTable`] of slot indices, hashed by the key stored in
//! the node it points at: each key is stored once, so `K` needs neither `Clone` nor a
//! second copy in the map. The hasher is foldhash's fast `RandomState`, the default of
//! `hashbrown` (and so of the `lru` crate the benchmark compares with): a well-kept,
//! very fast hasher with per-process random seeds. std's `SipHash` is built to resist
//! hash flooding from hostile keys and costs several times more per lookup; a cache that
//! shows keys a user typed does not need that, and `benches/lru.rs` would lose to the
//! `lru` crate with it. std's `HashMap<K, u32>` with this same hasher (keys stored twice,
//! `K: Clone`) was tried and measured about 3% slower, at 1.00× the `lru` crate against
//! 0.95× to 0.97× (BENCHMARKS.md), so the table stays.
//!
//! Submodules: [`command`] parses what the lab's console accepts, [`lab`] is the state
//! the console drives (history, counters, log), [`diagram`] draws it, [`script`] runs
//! `tutor lru --script`, [`links`] maps an operation to the solution lines it executes.

pub mod command;
pub mod diagram;
pub mod lab;
pub mod links;
pub mod rng;
pub mod script;

#[cfg(test)]
mod tests;

use std::borrow::Borrow;
use std::fmt;
use std::hash::{BuildHasher, Hash};

use hashbrown::HashTable;

/// The hasher the cache uses unless told otherwise (see the module docs for why).
pub type DefaultHasher = foldhash::fast::RandomState;

/// No node: the head of an empty list.
const NIL: u32 = u32::MAX;

/// Indices are `u32` to keep nodes and table small; this many entries at most.
const MAX_ENTRIES: usize = NIL as usize;

/// The list is a ring: the most recently used node's `prev` is the least recently used
/// one, whose `next` leads back to the most recent. A ring has no ends to special-case,
/// and it makes evicting cheap: the evicted node's slot takes the new entry and becomes
/// the most recent just by moving `head` one step back, without touching a link.
struct Node<K, V> {
    key: K,
    value: V,
    /// Towards the most recently used end (from the head: the least recently used).
    prev: u32,
    /// Towards the least recently used end (from the tail: the most recently used).
    next: u32,
}

/// What a [`LruCache::put`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Put<K, V> {
    /// A new key, stored without evicting anything.
    Inserted,
    /// The key was already there: its value was replaced (`old` is the previous one)
    /// and it became the most recently used. Nothing is evicted by an update.
    Updated { old: V },
    /// A new key arrived at a full cache: the least recently used entry (`key`, `value`)
    /// was evicted and the new key stored in its place.
    Evicted { key: K, value: V },
    /// The capacity is 0, so nothing can be stored: the entry is handed back.
    Discarded { key: K, value: V },
}

/// One entry as the diagram sees it: where it lives in the slab and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a, K, V> {
    /// The node's index in the slab: what the hash table maps the key to.
    pub slot: usize,
    pub key: &'a K,
    pub value: &'a V,
}

/// A least recently used cache of at most `capacity` entries.
///
/// Invariants (checked by the tests after every operation): `nodes` holds exactly the
/// live entries; following `next` from `head` (most recent) visits every node once and
/// comes back to `head`, with consistent `prev` links; `head` is `NIL` exactly when the
/// cache is empty; the table holds one index per node, found by hashing that node's key;
/// `len() <= capacity`.
pub struct LruCache<K, V, S = DefaultHasher> {
    table: HashTable<u32>,
    nodes: Vec<Node<K, V>>,
    /// Most recently used node, or `NIL` when empty. The least recently used one is
    /// its `prev`.
    head: u32,
    capacity: usize,
    hasher: S,
}

impl<K: Hash + Eq, V> LruCache<K, V> {
    /// An empty cache holding at most `capacity` entries (0 stores nothing).
    pub fn new(capacity: usize) -> Self {
        Self::with_hasher(capacity, DefaultHasher::default())
    }
}

impl<K, V, S> LruCache<K, V, S> {
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Entries from the most to the least recently used.
    pub fn iter(&self) -> Iter<'_, K, V, S> {
        Iter {
            cache: self,
            at: self.head,
            remaining: self.nodes.len(),
        }
    }

    /// Keys from the most to the least recently used.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.iter().map(|e| e.key)
    }

    /// The least recently used entry: the next one to be evicted.
    pub fn peek_lru(&self) -> Option<(&K, &V)> {
        let node = self.nodes.get(self.tail() as usize)?;
        Some((&node.key, &node.value))
    }

    /// Empties the cache; the capacity stays.
    pub fn clear(&mut self) {
        self.table.clear();
        self.nodes.clear();
        self.head = NIL;
    }

    #[inline]
    fn is_full(&self) -> bool {
        self.nodes.len() >= self.capacity.min(MAX_ENTRIES)
    }

    /// The least recently used node, or `NIL` when empty.
    #[inline]
    fn tail(&self) -> u32 {
        self.nodes.get(self.head as usize).map_or(NIL, |h| h.prev)
    }

    /// Takes node `i` out of the ring (its own links are left stale).
    #[inline]
    fn unlink(&mut self, i: u32) {
        let (prev, next) = {
            let node = &self.nodes[i as usize];
            (node.prev, node.next)
        };
        if next == i {
            // The only node.
            self.head = NIL;
            return;
        }
        self.nodes[prev as usize].next = next;
        self.nodes[next as usize].prev = prev;
        if self.head == i {
            self.head = next;
        }
    }

    /// Links node `i` in as the most recently used.
    #[inline]
    fn push_front(&mut self, i: u32) {
        let head = self.head;
        if head == NIL {
            let node = &mut self.nodes[i as usize];
            node.prev = i;
            node.next = i;
        } else {
            let tail = self.nodes[head as usize].prev;
            {
                let node = &mut self.nodes[i as usize];
                node.prev = tail;
                node.next = head;
            }
            self.nodes[tail as usize].next = i;
            self.nodes[head as usize].prev = i;
        }
        self.head = i;
    }

    /// Makes live node `i` the most recently used. The hot path of `get` and of an
    /// update, so it is written out for the ring rather than as unlink + push.
    #[inline]
    fn move_to_front(&mut self, i: u32) {
        let head = self.head;
        if head == i {
            return;
        }
        let nodes = self.nodes.as_mut_slice();
        let tail = nodes[head as usize].prev;
        if tail == i {
            // One step back around the ring makes the tail the head.
            self.head = i;
            return;
        }
        // `i` is neither head nor tail, so the ring has at least three nodes: take it
        // out between its neighbours and put it back between the tail and the head.
        let (prev, next) = (nodes[i as usize].prev, nodes[i as usize].next);
        nodes[prev as usize].next = next;
        nodes[next as usize].prev = prev;
        nodes[i as usize].prev = tail;
        nodes[i as usize].next = head;
        nodes[tail as usize].next = i;
        nodes[head as usize].prev = i;
        self.head = i;
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> LruCache<K, V, S> {
    /// An empty cache with the given hasher. Nothing is allocated up front: the slab and
    /// table grow with use, so a large capacity costs nothing until it is filled.
    pub fn with_hasher(capacity: usize, hasher: S) -> Self {
        Self {
            table: HashTable::new(),
            nodes: Vec::new(),
            head: NIL,
            capacity,
            hasher,
        }
    }

    /// The slot of `key`, if present.
    #[inline]
    fn find<Q>(&self, key: &Q) -> Option<u32>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let nodes = &self.nodes;
        self.table
            .find(self.hasher.hash_one(key), |&i| {
                nodes[i as usize].key.borrow() == key
            })
            .copied()
    }

    /// The value of `key`, marking it the most recently used; `None` (a miss) leaves the
    /// order untouched.
    #[inline]
    pub fn get<Q>(&mut self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let i = self.find(key)?;
        self.move_to_front(i);
        Some(&self.nodes[i as usize].value)
    }

    /// The value of `key` without touching the order.
    pub fn peek<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.find(key).map(|i| &self.nodes[i as usize].value)
    }

    pub fn contains<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.find(key).is_some()
    }

    /// The slab slot `key` lives in: what the hash table maps it to.
    pub fn slot<Q>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.find(key).map(|i| i as usize)
    }

    /// Inserts or updates `key`; either way it becomes the most recently used. A new key
    /// at a full cache first evicts the least recently used entry.
    #[inline]
    pub fn put(&mut self, key: K, value: V) -> Put<K, V> {
        if self.capacity == 0 {
            return Put::Discarded { key, value };
        }
        let hash = self.hasher.hash_one(&key);
        let nodes = &self.nodes;
        if let Some(&i) = self.table.find(hash, |&i| nodes[i as usize].key == key) {
            let old = std::mem::replace(&mut self.nodes[i as usize].value, value);
            self.move_to_front(i);
            return Put::Updated { old };
        }
        if self.is_full() {
            return self.replace_lru(hash, key, value);
        }
        // A new slot at the end of the slab. `is_full` keeps the length below
        // `MAX_ENTRIES`, so the index fits in a u32 and is never NIL.
        let i = u32::try_from(self.nodes.len()).unwrap_or(NIL - 1);
        self.nodes.push(Node {
            key,
            value,
            prev: NIL,
            next: NIL,
        });
        self.push_front(i);
        let (nodes, hasher) = (&self.nodes, &self.hasher);
        self.table
            .insert_unique(hash, i, |&j| hasher.hash_one(&nodes[j as usize].key));
        Put::Inserted
    }

    /// Evicts the least recently used entry and stores the new one in its slot, which
    /// becomes the most recently used. The cache is full, so it is not empty.
    fn replace_lru(&mut self, hash: u64, key: K, value: V) -> Put<K, V> {
        let i = self.tail();
        self.remove_from_table(i);
        let node = &mut self.nodes[i as usize];
        let old_key = std::mem::replace(&mut node.key, key);
        let old_value = std::mem::replace(&mut node.value, value);
        // The tail becomes the head without moving: see `Node`.
        self.head = i;
        let (nodes, hasher) = (&self.nodes, &self.hasher);
        self.table
            .insert_unique(hash, i, |&j| hasher.hash_one(&nodes[j as usize].key));
        Put::Evicted {
            key: old_key,
            value: old_value,
        }
    }

    /// Drops the table's entry for slot `i`.
    fn remove_from_table(&mut self, i: u32) {
        let hash = self.hasher.hash_one(&self.nodes[i as usize].key);
        if let Ok(entry) = self.table.find_entry(hash, |&j| j == i) {
            entry.remove();
        }
    }

    /// Removes and returns the least recently used entry.
    pub fn pop_lru(&mut self) -> Option<(K, V)> {
        let tail = self.tail();
        if tail == NIL {
            return None;
        }
        Some(self.remove_slot(tail))
    }

    /// Removes `key`, returning its value.
    pub fn remove<Q>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let i = self.find(key)?;
        Some(self.remove_slot(i).1)
    }

    /// Unlinks slot `i` and takes it out of the slab, moving the last node into the hole
    /// (and repointing its neighbours and its table entry) so the slab stays dense.
    fn remove_slot(&mut self, i: u32) -> (K, V) {
        self.remove_from_table(i);
        self.unlink(i);
        let last = u32::try_from(self.nodes.len() - 1).unwrap_or(NIL - 1);
        if last != i {
            // The last node moves to slot `i`: fix whoever pointed at `last`.
            let hash = self.hasher.hash_one(&self.nodes[last as usize].key);
            if let Some(slot) = self.table.find_mut(hash, |&j| j == last) {
                *slot = i;
            }
            let (prev, next) = {
                let node = &self.nodes[last as usize];
                (node.prev, node.next)
            };
            if next == last {
                // Alone in the ring: it links to itself, now at `i`.
                let node = &mut self.nodes[last as usize];
                node.prev = i;
                node.next = i;
            } else {
                self.nodes[prev as usize].next = i;
                self.nodes[next as usize].prev = i;
            }
            if self.head == last {
                self.head = i;
            }
        }
        let node = self.nodes.swap_remove(i as usize);
        (node.key, node.value)
    }

    /// Changes the capacity, evicting least recently used entries until the cache fits.
    /// Returns the evicted entries, least recently used first.
    pub fn resize(&mut self, capacity: usize) -> Vec<(K, V)> {
        self.capacity = capacity;
        let mut evicted = Vec::new();
        while self.nodes.len() > capacity.min(MAX_ENTRIES) {
            match self.pop_lru() {
                Some(entry) => evicted.push(entry),
                None => break,
            }
        }
        if self.nodes.capacity() > capacity.saturating_mul(2).max(16) {
            // A big shrink gives the memory back; small ones keep it for regrowth.
            self.nodes.shrink_to_fit();
            let (nodes, hasher) = (&self.nodes, &self.hasher);
            self.table
                .shrink_to_fit(|&j| hasher.hash_one(&nodes[j as usize].key));
        }
        evicted
    }
}

impl<K: Clone, V: Clone, S: Clone> Clone for LruCache<K, V, S> {
    fn clone(&self) -> Self {
        Self {
            table: self.table.clone(),
            nodes: self
                .nodes
                .iter()
                .map(|n| Node {
                    key: n.key.clone(),
                    value: n.value.clone(),
                    prev: n.prev,
                    next: n.next,
                })
                .collect(),
            head: self.head,
            capacity: self.capacity,
            hasher: self.hasher.clone(),
        }
    }
}

impl<K: fmt::Debug, V: fmt::Debug, S> fmt::Debug for LruCache<K, V, S> {
    /// Most recently used first, with the capacity.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LruCache")
            .field("capacity", &self.capacity)
            .field("entries", &DebugEntries { cache: self })
            .finish_non_exhaustive()
    }
}

struct DebugEntries<'a, K, V, S> {
    cache: &'a LruCache<K, V, S>,
}

impl<K: fmt::Debug, V: fmt::Debug, S> fmt::Debug for DebugEntries<'_, K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.cache.iter().map(|e| (e.key, e.value)))
            .finish()
    }
}

impl<'a, K, V, S> IntoIterator for &'a LruCache<K, V, S> {
    type Item = Entry<'a, K, V>;
    type IntoIter = Iter<'a, K, V, S>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Entries from the most to the least recently used; see [`LruCache::iter`].
pub struct Iter<'a, K, V, S> {
    cache: &'a LruCache<K, V, S>,
    at: u32,
    /// Bounds the walk, so even a broken list could not loop forever.
    remaining: usize,
}

impl<'a, K, V, S> Iterator for Iter<'a, K, V, S> {
    type Item = Entry<'a, K, V>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        let slot = self.at as usize;
        let node = self.cache.nodes.get(slot)?;
        self.remaining -= 1;
        self.at = node.next;
        Some(Entry {
            slot,
            key: &node.key,
            value: &node.value,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}
