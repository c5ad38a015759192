package csv_test

import (
	"bytes"
	stdcsv "encoding/csv"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/render"
	"github.com/kubescape-ng/kubescape/internal/render/csv"
	"github.com/kubescape-ng/kubescape/internal/render/rendertest"
)

func TestRows(t *testing.T) {
	rep := *rendertest.Report(t)
	rep.Resources[0].Controls[0].Findings[0].Message = "=HYPERLINK(\"http://evil\")"
	var buf bytes.Buffer
	if err := csv.New().Render(&buf, &rep, render.Options{}); err != nil {
		t.Fatal(err)
	}
	rows, err := stdcsv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("not valid CSV: %v", err)
	}
	want := 1
	for _, r := range rep.Resources {
		for _, c := range r.Controls {
			if len(c.Findings) == 0 {
				want++
			}
			want += len(c.Findings)
		}
	}
	if len(rows) != want {
		t.Errorf("%d rows, want a header and one per finding (%d)", len(rows), want)
	}
	for _, r := range rows {
		if len(r) != len(csv.Header) {
			t.Fatalf("row with %d cells: %v", len(r), r)
		}
	}
	if rows[1][11] != "'=HYPERLINK(\"http://evil\")" {
		t.Errorf("a formula from the input is not defused: %q", rows[1][11])
	}
	located := 0
	for _, r := range rows[1:] {
		if r[9] != "" {
			located++
		}
	}
	if located == 0 {
		t.Error("no row carries a line")
	}
}
