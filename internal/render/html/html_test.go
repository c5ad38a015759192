package html_test

import (
	"bytes"
	"context"
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/kubescape-ng/kubescape/internal/finding"
	"github.com/kubescape-ng/kubescape/internal/render"
	"github.com/kubescape-ng/kubescape/internal/render/html"
	"github.com/kubescape-ng/kubescape/internal/render/rendertest"
)

var screenshot = flag.String("screenshot", "", "also save the screenshot to this file (docs/html-report.png for the README)")

func renderFixture(t *testing.T) (*finding.Report, []byte) {
	t.Helper()
	rep := *rendertest.Report(t)
	// Text from manifests ends up in the page: it must be escaped, never run.
	rep.Resources[0].Controls[0].Findings[0].Message = `<img src=x onerror="window.injected=1"><script>window.injected=1</script>`
	var buf bytes.Buffer
	if err := html.New().Render(&buf, &rep, render.Options{}); err != nil {
		t.Fatal(err)
	}
	return &rep, buf.Bytes()
}

func TestSelfContained(t *testing.T) {
	_, out := renderFixture(t)
	page := string(out)
	for _, bad := range []string{"http://", "https://", "<link ", "src=\"http", "@import", "<script>window.injected"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q: it must be self-contained and escape its data", bad)
		}
	}
	for _, want := range []string{"Content-Security-Policy", "default-src 'none'", "<svg", `id="controls"`, "C-0057", "Privileged container",
		"examples/online-shop/backup.yaml:18", "@media print"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium is missing: install Debian's chromium package (.ci/run does)")
	}
	t.Skip("SKIPPED: no Chromium found (apt-get install chromium); the HTML report was not checked in a browser")
	return ""
}

// TestInChromium opens the report in headless Chromium: no console error, no network request,
// the filter and the sorting work, injected markup does not run, and the page is not blank.
func TestInChromium(t *testing.T) {
	bin := chromium(t)
	rep, out := renderFixture(t)
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, out, 0o600); err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.Flag("headless", true), chromedp.Flag("disable-gpu", true), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	var mu sync.Mutex
	var consoleErrors, requests []string
	if err := chromedp.Do(ctx); err != nil { // starts the browser and the tab
		t.Fatal(err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			consoleErrors = append(consoleErrors, "exception: "+e.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				consoleErrors = append(consoleErrors, string(e.Type))
			}
		case *network.EventRequestWillBeSent:
			requests = append(requests, e.Request.URL)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	eval := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		must(err)
		return n
	}
	text := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		must(err)
		return s
	}
	count := `Array.from(document.querySelectorAll("#controls tbody tr")).filter(r => r.offsetParent !== null).length`
	fire := func(id, event string) string {
		return `document.getElementById("` + id + `").dispatchEvent(new Event("` + event + `")) ? 1 : 0`
	}
	must(chromedp.Do(ctx, chromedp.Navigate("file://"+file), chromedp.WaitVisible(chromedp.ID("controls"))))
	total := eval(count)
	must(chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("filter"), "C-0057")))
	afterFilter := eval(count)
	eval(`(document.getElementById("filter").value = "") || 0`)
	eval(fire("filter", "input"))
	eval(`(document.getElementById("status").value = "failed") && 0`)
	eval(fire("status", "change"))
	afterStatus := eval(count)
	firstRow := `document.querySelector("#controls tbody tr td").textContent.trim()`
	must(chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#controls th:nth-child(1)"))))
	firstAsc := text(firstRow)
	must(chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#controls th:nth-child(1)"))))
	firstDesc := text(firstRow)
	injected := eval(`window.injected === 1 ? 1 : 0`) == 1
	// A fresh load for the screenshot (the one the README shows).
	must(chromedp.Do(ctx, chromedp.Navigate("file://"+file), chromedp.WaitVisible(chromedp.ID("controls"))))
	png1, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must(err)

	mu.Lock()
	defer mu.Unlock()
	if len(consoleErrors) > 0 {
		t.Errorf("console errors: %v", consoleErrors)
	}
	for _, u := range requests {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page made a network request: %s", u)
		}
	}
	if total != len(rep.Controls) {
		t.Errorf("%d rows shown, want every control (%d)", total, len(rep.Controls))
	}
	if afterFilter != 1 {
		t.Errorf("filtering on C-0057 shows %d rows, want 1", afterFilter)
	}
	if afterStatus != rep.Summary.Controls.Failed {
		t.Errorf("status failed shows %d rows, want %d", afterStatus, rep.Summary.Controls.Failed)
	}
	if firstAsc == firstDesc || firstAsc > firstDesc {
		t.Errorf("sorting by ID: ascending starts with %q, descending with %q", firstAsc, firstDesc)
	}
	if injected {
		t.Error("markup from the report ran in the page")
	}
	img, err := png.Decode(bytes.NewReader(png1))
	if err != nil {
		t.Fatal(err)
	}
	if colors := distinctColors(img); colors < 16 {
		t.Errorf("the screenshot looks blank (%d colours)", colors)
	}
	if *screenshot != "" {
		if err := os.WriteFile(*screenshot, png1, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func distinctColors(img image.Image) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
		}
	}
	return len(seen)
}
