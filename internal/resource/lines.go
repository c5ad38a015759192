package resource

import (
	"slices"
	"strconv"
)

// LineIndex maps the field paths of one object to positions (line and column) in its source
// file, so that a finding can be located without reading and parsing the file again. Paths are
// kept as 64-bit hashes: a Deployment costs about a kilobyte and a half.
type LineIndex struct {
	hashes []uint64
	lines  []int32
	cols   []int32
}

// Position is a 1-based line and column in a source file.
type Position struct {
	Line   int
	Column int
}

// PathHash is the hash of the empty path (the object itself); extend it with HashKey and
// HashIndex element by element.
const PathHash uint64 = 14695981039346656037

const fnvPrime = 1099511628211

func fnv(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

// HashKey extends a path hash with a map key.
func HashKey(h uint64, key string) uint64 {
	h = fnv(h, 'k')
	for i := 0; i < len(key); i++ {
		h = fnv(h, key[i])
	}
	return fnv(h, 0)
}

// HashIndex extends a path hash with a list index.
func HashIndex(h uint64, i int) uint64 {
	h = fnv(h, 'i')
	for _, b := range strconv.AppendInt(nil, int64(i), 10) {
		h = fnv(h, b)
	}
	return fnv(h, 0)
}

// LineIndexBuilder collects path lines; Build sorts them for lookups.
type LineIndexBuilder struct{ ix LineIndex }

// Add records the position of the path with the given hash.
func (b *LineIndexBuilder) Add(hash uint64, line, col int) {
	b.ix.hashes = append(b.ix.hashes, hash)
	b.ix.lines = append(b.ix.lines, int32(line)) //nolint:gosec // lines of a file bounded by the size limit
	b.ix.cols = append(b.ix.cols, int32(col))    //nolint:gosec // columns of a file bounded by the size limit
}

// Build returns the finished index.
func (b *LineIndexBuilder) Build() *LineIndex {
	ix := &b.ix
	order := make([]int, len(ix.hashes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, c int) int {
		switch {
		case ix.hashes[a] < ix.hashes[c]:
			return -1
		case ix.hashes[a] > ix.hashes[c]:
			return 1
		}
		return 0
	})
	n := len(order)
	out := &LineIndex{hashes: make([]uint64, n), lines: make([]int32, n), cols: make([]int32, n)}
	for i, j := range order {
		out.hashes[i], out.lines[i], out.cols[i] = ix.hashes[j], ix.lines[j], ix.cols[j]
	}
	return out
}

// Pos returns the position of the path with the given hash, and whether it is known.
func (ix *LineIndex) Pos(hash uint64) (Position, bool) {
	if ix == nil {
		return Position{}, false
	}
	i, ok := slices.BinarySearch(ix.hashes, hash)
	if !ok {
		return Position{}, false
	}
	return Position{Line: int(ix.lines[i]), Column: int(ix.cols[i])}, true
}
