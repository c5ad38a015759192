// Package root assembles the kubescape command tree and turns what commands return into the
// process exit code.
package root

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	diffcmd "github.com/kubescape-ng/kubescape/internal/cli/diff"
	"github.com/kubescape-ng/kubescape/internal/cli/factory"
	fixcmd "github.com/kubescape-ng/kubescape/internal/cli/fix"
	"github.com/kubescape-ng/kubescape/internal/cli/list"
	policycmd "github.com/kubescape-ng/kubescape/internal/cli/policy"
	"github.com/kubescape-ng/kubescape/internal/cli/scan"
	"github.com/kubescape-ng/kubescape/internal/cli/version"
	"github.com/kubescape-ng/kubescape/internal/iostreams"
)

// NewCmd returns the root command. Commands are registered here, explicitly.
func NewCmd(f *factory.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "kubescape",
		Short: "Find security, misconfiguration and compliance problems in Kubernetes",
		Long: `kubescape finds security, misconfiguration and compliance problems in Kubernetes
manifests, against the controls of NSA-CISA, MITRE ATT&CK and more. Its control
library is built in: it works offline and never phones home.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	cmd.SetIn(f.IOStreams.In)
	cmd.SetOut(f.IOStreams.Out)
	cmd.SetErr(f.IOStreams.ErrOut)
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return factory.Usage("%v", err) })
	// Profiles for performance reports: hidden, not part of the supported interface.
	var cpuProfile, memProfile string
	var stopProfile func()
	cmd.PersistentFlags().StringVar(&cpuProfile, "profile-cpu", "", "write a CPU profile to this file")
	cmd.PersistentFlags().StringVar(&memProfile, "profile-mem", "", "write a heap profile to this file at exit")
	_ = cmd.PersistentFlags().MarkHidden("profile-cpu")
	_ = cmd.PersistentFlags().MarkHidden("profile-mem")
	cmd.PersistentPreRunE = func(_ *cobra.Command, _ []string) error {
		var err error
		stopProfile, err = startProfiles(cpuProfile, memProfile)
		return err
	}
	cmd.PersistentPostRun = func(_ *cobra.Command, _ []string) {
		if stopProfile != nil {
			stopProfile()
		}
	}
	cmd.AddCommand(
		scan.NewCmd(f, nil),
		list.NewCmd(f, nil),
		fixcmd.NewCmd(f, nil),
		diffcmd.NewCmd(f, nil),
		policycmd.NewCmd(f),
		version.NewCmd(f, nil),
	)
	return cmd
}

// Run executes the command line and returns the exit code.
func Run(ctx context.Context, ios *iostreams.IOStreams, args []string) int {
	f := factory.New(ios)
	cmd := NewCmd(f)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if err == nil {
		return factory.ExitOK
	}
	var ee *factory.ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintf(ios.ErrOut, "Error: %v\n", ee.Err)
		}
		return ee.Code
	}
	// Errors cobra itself raises (unknown command, wrong number of arguments) are usage errors.
	fmt.Fprintf(ios.ErrOut, "Error: %v\nRun '%s --help' for usage.\n", err, cmd.CommandPath())
	return factory.ExitUsage
}
