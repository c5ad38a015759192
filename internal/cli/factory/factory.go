// Package factory holds what every command shares: the I/O streams, the control library
// (loaded and compiled once per process, on first use) and the typed exit codes.
package factory

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/kubescape-ng/kubescape/internal/iostreams"
	"github.com/kubescape-ng/kubescape/internal/policy"
	"github.com/kubescape-ng/kubescape/library"
)

// Exit codes, documented in --help and the README.
const (
	// ExitOK: the scan completed and no threshold was crossed.
	ExitOK = 0
	// ExitThreshold: a --compliance-threshold or --severity-threshold was crossed.
	ExitThreshold = 1
	// ExitUsage: bad flags or arguments.
	ExitUsage = 2
	// ExitRuntime: a runtime error, or an incomplete scan (part of the input could not be read,
	// or a threshold could not be evaluated).
	ExitRuntime = 3
)

// ExitError carries an exit code with its error. A nil Err means the message was already
// printed (for example a crossed threshold, shown in the report).
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// Usage wraps an error as a usage error (exit 2).
func Usage(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// Runtime wraps an error as a runtime error (exit 3).
func Runtime(err error) error {
	var ee *ExitError
	if errors.As(err, &ee) {
		return err
	}
	return &ExitError{Code: ExitRuntime, Err: err}
}

// Factory is passed to every command constructor.
type Factory struct {
	IOStreams *iostreams.IOStreams

	libOnce sync.Once
	lib     *policy.Compiled
	libErr  error
	// The library's metadata (loaded, custom folders added, not compiled).
	metaOnce sync.Once
	meta     *policy.Library
	metaErr  error
	// policyDirs add custom controls and frameworks to the embedded library; set them before
	// the first call of Library.
	policyDirs []string
}

// SetPolicyDirs adds folders of custom controls (the library's format) to the library.
func (f *Factory) SetPolicyDirs(dirs []string) { f.policyDirs = dirs }

// New returns a factory over the given streams.
func New(ios *iostreams.IOStreams) *Factory { return &Factory{IOStreams: ios} }

// Metadata returns the library loaded (with the custom folders) but not compiled: enough to
// know the controls, frameworks and the kinds they read, in a few milliseconds.
func (f *Factory) Metadata() (*policy.Library, error) {
	f.metaOnce.Do(func() {
		lib, err := policy.Load(library.FS)
		if err != nil {
			f.metaErr = fmt.Errorf("load embedded control library: %w", err)
			return
		}
		for _, dir := range f.policyDirs {
			var warnings []string
			lib, warnings, err = policy.Overlay(lib, os.DirFS(dir), dir)
			for _, w := range warnings {
				fmt.Fprintf(f.IOStreams.ErrOut, "warning: %s\n", w)
			}
			if err != nil {
				f.metaErr = &ExitError{Code: ExitUsage, Err: fmt.Errorf("custom controls in %s:\n%w", dir, err)}
				return
			}
		}
		f.meta = lib
	})
	return f.meta, f.metaErr
}

// Library returns the embedded control library, loaded and compiled once.
func (f *Factory) Library() (*policy.Compiled, error) {
	f.libOnce.Do(func() {
		lib, err := f.Metadata()
		if err != nil {
			f.libErr = err
			return
		}
		f.lib, f.libErr = policy.Compile(lib, false)
		if f.libErr != nil {
			if len(f.policyDirs) > 0 {
				// With custom controls, a compile error is most likely in the user's Rego.
				f.libErr = &ExitError{Code: ExitUsage, Err: fmt.Errorf("the control library does not compile:\n%w", f.libErr)}
				return
			}
			f.libErr = fmt.Errorf("compile embedded control library: %w", f.libErr)
		}
	})
	return f.lib, f.libErr
}
