// Package version tells which build of kubescape is running.
package version

import "runtime/debug"

// Version is set at build time with -ldflags "-X github.com/kubescape-ng/kubescape/internal/version.Version=v1.2.3".
var Version = "dev"

// Info describes the build.
type Info struct {
	Version   string `json:"version"`
	Commit    string `json:"commit,omitempty"`
	GoVersion string `json:"goVersion"`
	Modified  bool   `json:"modified,omitempty"`
}

// Get returns the build information.
func Get() Info {
	info := Info{Version: Version}
	if bi, ok := debug.ReadBuildInfo(); ok {
		info.GoVersion = bi.GoVersion
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				info.Commit = s.Value
			case "vcs.modified":
				info.Modified = s.Value == "true"
			}
		}
	}
	return info
}
