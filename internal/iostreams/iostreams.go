// Package iostreams is the one place commands get their input and output from: it knows
// whether standard output is a terminal, and so whether colour and tables are wanted.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// IOStreams carries the standard streams and what is known about them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	outTTY   bool
	inTTY    bool
	errTTY   bool
	colorOff bool
}

// System returns the process's streams. Colour follows the terminal and the NO_COLOR convention.
func System() *IOStreams {
	_, noColor := os.LookupEnv("NO_COLOR")
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		outTTY:   isTerminal(os.Stdout),
		inTTY:    isTerminal(os.Stdin),
		errTTY:   isTerminal(os.Stderr),
		colorOff: noColor || os.Getenv("TERM") == "dumb",
	}
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// Test returns streams backed by buffers, never a terminal.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// CanPrompt reports whether the user can be asked a question: standard input and output are
// both terminals.
func (s *IOStreams) CanPrompt() bool { return s.inTTY && s.outTTY }

// ErrIsTerminal reports whether standard error is a terminal (progress lines go there).
func (s *IOStreams) ErrIsTerminal() bool { return s.errTTY }

// ColorEnabled reports whether standard output gets colour.
func (s *IOStreams) ColorEnabled() bool { return s.outTTY && !s.colorOff }
