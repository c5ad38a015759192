package fix

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kubescape-ng/kubescape/internal/source/files"
)

var update = flag.Bool("update", false, "rewrite the golden files of the fix tests")

// readEdits reads edits.txt: one "DOCUMENT ITEM PATH VALUE" per line. The target's identity is
// taken from the input, as a report would give it.
func readEdits(t *testing.T, dir string, input []byte) (map[Target][]Edit, []Target) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "edits.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	edits := map[Target][]Edit{}
	var order []Target
	docs := files.Split(bytes.TrimPrefix(input, []byte("\xef\xbb\xbf")))
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.SplitN(sc.Text(), " ", 4)
		if len(fields) != 4 {
			t.Fatalf("bad edit line %q", sc.Text())
		}
		doc, _ := strconv.Atoi(fields[0])
		item, _ := strconv.Atoi(fields[1])
		tg := Target{Document: doc, Item: item, Kind: "Unknown", Name: "unknown"}
		if doc < len(docs) {
			objs, _ := files.Decode("x", docs[doc].Data)
			for _, o := range objs {
				if o.Source.Item == item {
					tg.APIVersion, tg.Kind, tg.Namespace, tg.Name = o.APIVersion, o.Kind, o.Namespace, o.Name
				}
			}
		}
		if _, ok := edits[tg]; !ok {
			order = append(order, tg)
		}
		edits[tg] = append(edits[tg], Edit{Path: fields[2], Value: fields[3]})
	}
	return edits, order
}

// TestGolden applies each case's edits and compares the file and the outcomes byte for byte
// with want.yaml and want.log (go test ./internal/fix -run Golden -update rewrites them).
func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "golden", "*"))
	if len(dirs) == 0 {
		t.Fatal("no golden cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			input, err := os.ReadFile(filepath.Join(dir, "input.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			edits, _ := readEdits(t, dir, input)
			got, outcomes := ApplyFile(input, edits)
			var log strings.Builder
			for _, o := range outcomes {
				status := "applied"
				if o.Err != nil {
					status = "NOT APPLIED: " + o.Err.Error()
				}
				fmt.Fprintf(&log, "%s %s=%s: %s\n", o.Target, o.Edit.Path, o.Edit.Value, status)
			}
			compareGolden(t, filepath.Join(dir, "want.yaml"), got)
			compareGolden(t, filepath.Join(dir, "want.log"), []byte(log.String()))

			// Documents without edits are byte-identical.
			inDocs, outDocs := files.Split(input), files.Split(got)
			if len(inDocs) != len(outDocs) {
				t.Fatalf("%d documents became %d", len(inDocs), len(outDocs))
			}
			edited := map[int]bool{}
			for tg := range edits {
				edited[tg.Document] = true
			}
			for i := range inDocs {
				if !edited[i] && !bytes.Equal(inDocs[i].Data, outDocs[i].Data) {
					t.Errorf("document %d was not to be edited but changed", i)
				}
			}
			// CRLF files stay CRLF throughout.
			if bytes.Contains(input, []byte("\r\n")) && bytes.Count(got, []byte("\n")) != bytes.Count(got, []byte("\r\n")) {
				t.Error("a CRLF file got bare line feeds")
			}
		})
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}
