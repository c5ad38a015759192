// Package config reads .kubescape.yaml, a repository's scan settings: frameworks, thresholds,
// formats, exceptions, control inputs, ignored paths and custom controls. It is found from the
// scan root upward, decoded strictly, and validated with every problem reported at once. Flags
// override it. docs/config.schema.json describes it.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// FileName is the project configuration file.
const FileName = ".kubescape.yaml"

// APIVersion and Kind of the file.
const (
	APIVersion = "kubescape.io/v1"
	Kind       = "Config"
)

// Config is .kubescape.yaml. Paths in it are relative to the file's folder; Load makes them
// relative to the current directory.
type Config struct {
	APIVersion string `yaml:"apiVersion" json:"apiVersion"`
	Kind       string `yaml:"kind" json:"kind"`
	// Frameworks to scan with (as `scan framework`), or Controls (as `scan control`).
	Frameworks []string `yaml:"frameworks,omitempty" json:"frameworks,omitempty"`
	Controls   []string `yaml:"controls,omitempty" json:"controls,omitempty"`
	// IncludeControls keeps only these controls of the frameworks; ExcludeControls drops these.
	IncludeControls []string `yaml:"includeControls,omitempty" json:"includeControls,omitempty"`
	ExcludeControls []string `yaml:"excludeControls,omitempty" json:"excludeControls,omitempty"`
	// Thresholds, as the flags.
	ComplianceThreshold *float64 `yaml:"complianceThreshold,omitempty" json:"complianceThreshold,omitempty"`
	SeverityThreshold   string   `yaml:"severityThreshold,omitempty" json:"severityThreshold,omitempty"`
	// Formats and Output, as --format and --output.
	Formats []string `yaml:"formats,omitempty" json:"formats,omitempty"`
	Output  string   `yaml:"output,omitempty" json:"output,omitempty"`
	// Exceptions files; ControlsConfig is a control inputs file.
	Exceptions     []string `yaml:"exceptions,omitempty" json:"exceptions,omitempty"`
	ControlsConfig string   `yaml:"controlsConfig,omitempty" json:"controlsConfig,omitempty"`
	// InlineExceptions applies kubescape.io/skip-controls annotations (default: on for files).
	InlineExceptions *bool `yaml:"inlineExceptions,omitempty" json:"inlineExceptions,omitempty"`
	// ExcludePaths are gitignore-style patterns of paths not to scan.
	ExcludePaths []string `yaml:"excludePaths,omitempty" json:"excludePaths,omitempty"`
	// PolicyDirs are folders of custom controls and frameworks.
	PolicyDirs []string `yaml:"policyDirs,omitempty" json:"policyDirs,omitempty"`

	// Path is where the file was found.
	Path string `yaml:"-" json:"-"`
}

// Find looks for .kubescape.yaml in start (a folder, or a file's folder) and its parents.
func Find(start string) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	for d := abs; ; d = filepath.Dir(d) {
		p := filepath.Join(d, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
		if filepath.Dir(d) == d {
			return "", nil
		}
	}
}

// Problems lists every problem of a configuration file.
type Problems []string

func (p Problems) Error() string { return strings.Join(p, "\n") }

// Parse decodes and validates a configuration. Paths stay as written.
func Parse(name string, data []byte) (*Config, error) {
	var c Config
	var problems Problems
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		var te *yaml.TypeError
		switch {
		case errors.As(err, &te):
			for _, m := range te.Errors {
				problems = append(problems, name+": "+m)
			}
		case errors.Is(err, io.EOF):
			problems = append(problems, name+": empty file")
		default:
			return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
		}
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root)
	line := func(key string) string {
		if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
			m := root.Content[0]
			for i := 0; i+1 < len(m.Content); i += 2 {
				if m.Content[i].Value == key {
					return fmt.Sprintf("%s:%d", name, m.Content[i].Line)
				}
			}
		}
		return name
	}
	if c.APIVersion != APIVersion || c.Kind != Kind {
		problems = append(problems, fmt.Sprintf("%s: want apiVersion %s and kind %s, got %q and %q", line("apiVersion"), APIVersion, Kind, c.APIVersion, c.Kind))
	}
	if len(c.Frameworks) > 0 && len(c.Controls) > 0 {
		problems = append(problems, line("controls")+": set frameworks or controls, not both")
	}
	if c.ComplianceThreshold != nil && (*c.ComplianceThreshold < 0 || *c.ComplianceThreshold > 100) {
		problems = append(problems, fmt.Sprintf("%s: complianceThreshold must be between 0 and 100, got %v", line("complianceThreshold"), *c.ComplianceThreshold))
	}
	switch strings.ToLower(c.SeverityThreshold) {
	case "", "low", "medium", "high", "critical":
	default:
		problems = append(problems, fmt.Sprintf("%s: severityThreshold %q: want low, medium, high or critical", line("severityThreshold"), c.SeverityThreshold))
	}
	if len(c.Formats) > 1 && c.Output == "" {
		problems = append(problems, line("formats")+": several formats need output (the base name of the files to write)")
	}
	for _, id := range append(append([]string(nil), c.IncludeControls...), c.ExcludeControls...) {
		if strings.TrimSpace(id) == "" {
			problems = append(problems, line("includeControls")+": empty control ID")
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return &c, nil
}

// Load reads and validates a configuration file, checks that the files it names exist, and
// makes its paths relative to the current directory.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	c.Path = path
	dir := filepath.Dir(path)
	rel := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	var problems Problems
	mustExist := func(field, p string) {
		if _, err := os.Stat(p); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %s %s: %v", path, field, p, err))
		}
	}
	for i, p := range c.Exceptions {
		c.Exceptions[i] = rel(p)
		mustExist("exceptions", c.Exceptions[i])
	}
	if c.ControlsConfig != "" {
		c.ControlsConfig = rel(c.ControlsConfig)
		mustExist("controlsConfig", c.ControlsConfig)
	}
	for i, p := range c.PolicyDirs {
		c.PolicyDirs[i] = rel(p)
		mustExist("policyDirs", c.PolicyDirs[i])
	}
	if c.Output != "" {
		c.Output = rel(c.Output)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return c, nil
}
