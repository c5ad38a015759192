package engine

import (
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// sharedValues holds, for one Evaluate call, the values of rules that do not depend on input
// (control inputs turned into sets, patterns, key words, ...): computed by the first object that
// needs them, reused by every other.
type sharedValues struct {
	constant *pathTrie
	mu       sync.RWMutex
	values   map[sharedKey]sharedValue
}

// sharedKey identifies a constant rule (its trie node) or a call of a constant function with
// scalar arguments (node and the arguments' text).
type sharedKey struct {
	node *pathTrie
	args string
}

// pathTrie holds rule paths (data.a.b.rule) for lookups that do not allocate: the virtual cache
// is asked about every rule reference of every evaluation.
type pathTrie struct {
	children map[string]*pathTrie
	leaf     bool
	// leaves (on the root) holds the last element of every path, to reject most references with
	// one lookup.
	leaves map[string]bool
}

func newPathTrie(paths map[string]bool) *pathTrie {
	root := &pathTrie{leaves: map[string]bool{}}
	for p := range paths {
		ref, err := ast.ParseRef(p)
		if err != nil {
			continue
		}
		n := root
		for _, t := range ref[1:] {
			s, ok := t.Value.(ast.String)
			if !ok {
				n = nil
				break
			}
			if n.children == nil {
				n.children = map[string]*pathTrie{}
			}
			c := n.children[string(s)]
			if c == nil {
				c = &pathTrie{}
				n.children[string(s)] = c
			}
			n = c
		}
		if n != nil {
			n.leaf = true
			if last, ok := ref[len(ref)-1].Value.(ast.String); ok {
				root.leaves[string(last)] = true
			}
		}
	}
	return root
}

// find returns the node of ref (data.a.b.rule) when it is exactly one of the paths, else nil.
func (t *pathTrie) find(ref ast.Ref) *pathTrie {
	if len(ref) < 2 {
		return nil
	}
	if last, ok := ref[len(ref)-1].Value.(ast.String); !ok || !t.leaves[string(last)] {
		return nil
	}
	if !ref[0].Equal(ast.DefaultRootDocument) {
		return nil
	}
	n := t
	for _, term := range ref[1:] {
		s, ok := term.Value.(ast.String)
		if !ok {
			return nil
		}
		if n = n.children[string(s)]; n == nil {
			return nil
		}
	}
	if !n.leaf {
		return nil
	}
	return n
}

type sharedValue struct {
	term      *ast.Term
	undefined bool
}

func newSharedValues(constant *pathTrie) *sharedValues {
	return &sharedValues{constant: constant, values: map[sharedKey]sharedValue{}}
}

// key returns the shared-cache key of a virtual-cache reference; ok is false when the reference
// is not shared. Shared are constant rules (data.pkg.rule) and calls of constant functions whose
// arguments are all scalars: calls with objects as arguments are specific to one input and would
// only fill the shared store.
func (s *sharedValues) key(ref ast.Ref) (sharedKey, bool) {
	if len(ref) == 0 {
		return sharedKey{}, false
	}
	fn, isCall := ref[0].Value.(ast.Ref)
	if !isCall {
		n := s.constant.find(ref)
		return sharedKey{node: n}, n != nil
	}
	n := s.constant.find(fn)
	if n == nil {
		return sharedKey{}, false
	}
	args := make([]ast.Value, len(ref)-1)
	for i, arg := range ref[1:] {
		args[i] = arg.Value
	}
	key, ok := scalarKey(args)
	return sharedKey{node: n, args: key}, ok
}

// evalCache is the virtual cache of one evaluation: values of constant rules go to and come from
// the shared store, the rest stays local. While a `with` is in force (depth > 0) everything
// stays local, since `with` may replace what constant rules read.
//
// The local store replaces OPA's own virtual cache, a tree with a hash map on every node: this
// one hashes a reference once and keeps every entry of a frame in one map, which costs less on
// the many lookups of every evaluation and allocates less for function calls.
type evalCache struct {
	shared *sharedValues
	frames []map[uint64][]cacheEntry
	depth  int
}

type cacheEntry struct {
	ref       ast.Ref
	value     *ast.Term
	undefined bool
}

func (s *sharedValues) newEvalCache() *evalCache {
	return &evalCache{shared: s, frames: []map[uint64][]cacheEntry{make(map[uint64][]cacheEntry, 32)}}
}

func (c *evalCache) Push() {
	c.depth++
	c.frames = append(c.frames, map[uint64][]cacheEntry{})
}

func (c *evalCache) Pop() {
	c.depth--
	c.frames = c.frames[:len(c.frames)-1]
}

func (c *evalCache) Keys() []ast.Ref {
	var out []ast.Ref
	for _, entries := range c.frames[len(c.frames)-1] {
		for _, e := range entries {
			if e.value != nil {
				out = append(out, e.ref)
			}
		}
	}
	return out
}

// refHash hashes a reference; unlike ast.Ref.Hash it depends on the order of the terms.
func refHash(ref ast.Ref) uint64 {
	h := hashSeed
	for _, t := range ref {
		h = mixHash(h, t.Value.Hash())
	}
	return h
}

// hashSeed and mixHash combine value hashes in order (FNV-1a over the hashes).
const hashSeed uint64 = 14695981039346656037

func mixHash(h uint64, v int) uint64 {
	return (h ^ uint64(v)) * 1099511628211 //nolint:gosec // a hash: its bits matter, not its sign
}

func (c *evalCache) Get(ref ast.Ref) (*ast.Term, bool) {
	h := refHash(ref)
	for _, e := range c.frames[len(c.frames)-1][h] {
		if e.ref.Equal(ref) {
			return e.value, e.undefined
		}
	}
	if c.depth > 0 {
		return nil, false
	}
	k, ok := c.shared.key(ref)
	if !ok {
		return nil, false
	}
	c.shared.mu.RLock()
	v, ok := c.shared.values[k]
	c.shared.mu.RUnlock()
	if !ok {
		return nil, false
	}
	return v.term, v.undefined
}

func (c *evalCache) Put(ref ast.Ref, value *ast.Term) {
	frame := c.frames[len(c.frames)-1]
	h := refHash(ref)
	entries := frame[h]
	for i := range entries {
		if entries[i].ref.Equal(ref) {
			entries[i].value, entries[i].undefined = value, value == nil
			return
		}
	}
	// The slice is copied (OPA may reuse it); its terms, like those OPA's own cache keeps, are not.
	frame[h] = append(entries, cacheEntry{ref: append(ast.Ref(nil), ref...), value: value, undefined: value == nil})
	if c.depth > 0 {
		return
	}
	if k, ok := c.shared.key(ref); ok {
		c.shared.mu.Lock()
		c.shared.values[k] = sharedValue{term: value, undefined: value == nil}
		c.shared.mu.Unlock()
	}
}
