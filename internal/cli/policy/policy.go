// Package policy implements `kubescape policy`: work on custom controls.
package policy

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kubescape-ng/kubescape/internal/cli/factory"
	"github.com/kubescape-ng/kubescape/internal/policytest"
)

// NewCmd returns `kubescape policy` with its `test` subcommand.
func NewCmd(f *factory.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Work on custom controls",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "test DIR",
		Short: "Run the Rego unit tests and fixtures of a folder of custom controls",
		Long: `Run the tests of a folder of custom controls, in the format of the embedded library
(controls/<ID>/control.yaml, rule.rego, *_test.rego, testdata/pass/*.yaml and
testdata/fail/*.yaml with "# expect: <path>" lines; frameworks/*.yaml; lib/*.rego):
the Rego unit tests, then every fixture through the real engine.

Exit codes: 0 all passed, 1 a test failed, 2 the folder does not load or its Rego does
not compile (each error with file:row:column).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			sum, err := policytest.Run(ctx, args[0])
			var ce *policytest.CompileError
			if errors.As(err, &ce) {
				return factory.Usage("%s:\n%v", args[0], ce.Err)
			}
			if err != nil {
				return factory.Runtime(err)
			}
			if failed := policytest.Print(f.IOStreams.Out, sum); failed > 0 {
				return &factory.ExitError{Code: factory.ExitThreshold, Err: fmt.Errorf("%d tests failed", failed)}
			}
			return nil
		},
	})
	return cmd
}
