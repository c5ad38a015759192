// Package library embeds the control library (controls, frameworks, shared Rego, default
// inputs and the catalogue) into the binary, so scans work offline and air-gapped.
package library

import "embed"

// FS holds the library. Fixtures and Rego tests stay out of the binary; the library tests read
// them from the source tree.
//
//go:embed catalogue.yaml inputs.yaml frameworks/*.yaml lib/*.rego controls/*/control.yaml controls/*/rule.rego
var FS embed.FS
