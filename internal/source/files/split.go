package files

import "bytes"

// Document is one YAML document cut out of a stream.
type Document struct {
	// Index is the 0-based position of the document in the stream.
	Index int
	// Line is the 1-based line of the document's first line in the stream.
	Line int
	// Offset is the byte offset of the document in the stream.
	Offset int
	// Data holds the document's text, including its leading "---" marker line if any.
	Data []byte
}

// Split cuts a YAML stream into documents at "---" directive-end markers and "..." document-end
// markers that start a line. A marker at the start of a line is always a document boundary in
// YAML (scalars may not contain one), so splitting on lines is exact. Documents that hold only
// blank lines and comments are dropped; indexes count only the documents that are kept, which is
// how kubectl and the reference tool number them.
func Split(data []byte) []Document {
	var docs []Document
	start, startLine := 0, 1
	line := 1
	emit := func(end int) {
		chunk := data[start:end]
		if !blank(chunk) {
			docs = append(docs, Document{Index: len(docs), Line: startLine, Offset: start, Data: chunk})
		}
	}
	for pos := 0; pos < len(data); {
		next := bytes.IndexByte(data[pos:], '\n')
		end := len(data)
		if next >= 0 {
			end = pos + next + 1
		}
		l := data[pos:end]
		switch {
		case isMarker(l, "---"):
			// The marker line belongs to the document it opens: "--- {a: 1}" is legal. Directives
			// such as "%YAML 1.2" before the marker belong to the document too.
			if !directivesOnly(data[start:pos]) {
				emit(pos)
				start, startLine = pos, line
			}
		case isMarker(l, "..."):
			emit(pos)
			start, startLine = end, line+1
		}
		pos = end
		line++
	}
	emit(len(data))
	return docs
}

// isMarker reports whether a line is the given document marker followed by nothing, a space, a
// tab or a line break.
func isMarker(line []byte, marker string) bool {
	if !bytes.HasPrefix(line, []byte(marker)) {
		return false
	}
	rest := line[len(marker):]
	return len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r'
}

// blank reports whether a chunk holds nothing but whitespace, comments and document markers.
func blank(chunk []byte) bool {
	for len(chunk) > 0 {
		i := bytes.IndexByte(chunk, '\n')
		var l []byte
		if i < 0 {
			l, chunk = chunk, nil
		} else {
			l, chunk = chunk[:i], chunk[i+1:]
		}
		t := bytes.TrimSpace(l)
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if isMarker(t, "---") && len(bytes.TrimSpace(t[3:])) == 0 {
			continue
		}
		if isMarker(t, "---") && bytes.TrimSpace(t[3:])[0] == '#' {
			continue
		}
		return false
	}
	return true
}

// directivesOnly reports whether a chunk holds "%" directive lines (and comments or blanks) and
// at least one directive.
func directivesOnly(chunk []byte) bool {
	seen := false
	for _, l := range bytes.Split(chunk, []byte("\n")) {
		t := bytes.TrimSpace(l)
		switch {
		case len(t) == 0 || t[0] == '#':
		case t[0] == '%' && len(l) > 0 && l[0] == '%':
			seen = true
		default:
			return false
		}
	}
	return seen
}
