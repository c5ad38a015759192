package pdf_test

import (
	"bytes"
	"strings"
	"testing"

	rscpdf "rsc.io/pdf"

	"github.com/kubescape-ng/kubescape/internal/render"
	"github.com/kubescape-ng/kubescape/internal/render/pdf"
	"github.com/kubescape-ng/kubescape/internal/render/rendertest"
)

// TestPDF renders the shared report and reads it back with a PDF reader: a valid document with
// the expected text on its pages.
func TestPDF(t *testing.T) {
	rep := *rendertest.Report(t)
	var buf bytes.Buffer
	if err := pdf.New().Render(&buf, &rep, render.Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.Contains(buf.Bytes()[buf.Len()-64:], []byte("%%EOF")) {
		t.Fatal("not a PDF file")
	}
	r, err := rscpdf.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("the PDF does not parse: %v", err)
	}
	if r.NumPage() < 2 {
		t.Errorf("%d pages", r.NumPage())
	}
	var text strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		for _, s := range r.Page(i).Content().Text {
			text.WriteString(s.S)
		}
		text.WriteString("\n")
	}
	// The reader returns the glyph runs; spaces are positions, not characters, so compare
	// without them.
	all := strings.Join(strings.Fields(text.String()), "")
	for _, want := range []string{"Kubescape report", "compliance", "61.28%", "Failed controls by severity", "Frameworks", "NSA",
		"C-0057", "Privileged container", "Failed resources", "CronJob shop/nightly-backup", "runs privileged",
		"securityContext.privileged to false", "page 1 of"} {
		if !strings.Contains(all, strings.ReplaceAll(want, " ", "")) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
}
